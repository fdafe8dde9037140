using Microsoft.AspNetCore.Components;
using Quayside.Engine.Actions;
using Quayside.Engine.Images;
using Quayside.Engine.Pulls;
using Quayside.Web.Pulls;

namespace Quayside.Web.Pulls;

public partial class PushImage
{
    private string _target = "";
    private string? _error;
    private ActionOutcome? _tagOutcome;
    private PullJob? _job;

    private PullService Pulls => HostService<PullService>();
    private ImageActions Images => HostService<ImageActions>();

    [SupplyParameterFromQuery(Name = "image")] public string? Image { get; set; }

    private bool NeedsTag => Image is not null && !string.IsNullOrWhiteSpace(_target) && _target.Trim() != Image;

    protected override void OnParametersSet()
    {
        if (_target.Length == 0 && Image is not null)
            _target = ImageReference.TryParse(Image, out _) is { IsDockerHub: false } ? Image : "localhost:5000/" + Image.Split('@')[0];
        _error = Image is null ? "No image given: open this page from an image's Push button." : null;
    }

    private async Task PushAsync()
    {
        var target = _target.Trim();
        _error = InputRules.ImageReference(target);
        if (_error is not null || Image is null)
            return;
        _tagOutcome = null;
        if (NeedsTag)
        {
            _tagOutcome = await Images.TagAsync(Image, target);
            if (!_tagOutcome.Ok)
                return;
        }
        _job = Pulls.StartPush(target);
    }
}
