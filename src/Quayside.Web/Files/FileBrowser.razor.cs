using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using Quayside.Engine.Actions;
using Quayside.Engine.Cli;
using Quayside.Engine.Files;
using Quayside.Web.Components.Shared;

namespace Quayside.Web.Files;

/// <summary>Browse, download, upload, create, edit and delete files in a container through the archive API.</summary>
public partial class FileBrowser : LiveComponentBase, IAsyncDisposable
{
    private DirectoryListing? _listing;
    private string? _loadedFolder;
    private string _goTo = "/";
    private string? _pathError;
    private string _newFolder = "";
    private ActionOutcome? _outcome;
    private TextFile? _text;
    private string _editText = "";
    private ConfirmRequest? _confirm;
    private readonly List<(string Name, string Text)> _uploads = [];
    private IJSObjectReference? _module;
    private DotNetObjectReference<FileBrowser>? _self;

    [Parameter] public string Id { get; set; } = "";
    [SupplyParameterFromQuery(Name = "path")] public string? PathQuery { get; set; }
    private ContainerFiles Files => HostService<ContainerFiles>();
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private Quayside.Web.Api.UploadLimits Limits { get; set; } = default!;

    private string Folder => ContainerPath.Normalize(PathQuery ?? "/").Path ?? "/";

    private IEnumerable<(string Name, string Path)> Crumbs
    {
        get
        {
            yield return ("/", "/");
            var path = "";
            foreach (var part in Folder.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                path += "/" + part;
                yield return (part, path);
            }
        }
    }

    private string FolderHref(string path) => Href($"/containers/{Uri.EscapeDataString(Id)}/files?path={Uri.EscapeDataString(path)}");

    private string DownloadHref(string path) => ApiHref($"/api/containers/{Uri.EscapeDataString(Id)}/files/download?path={Uri.EscapeDataString(path)}");

    private static string DownloadName(string path, bool folder) => (path == "/" ? "root" : ContainerPath.Name(path)) + (folder ? ".tar" : "");

    private static string Target(FileEntry link) =>
        link.LinkTarget!.StartsWith('/') ? link.LinkTarget : ContainerPath.Combine(ContainerPath.Parent(link.Path), link.LinkTarget);

    protected override async Task OnParametersSetAsync()
    {
        if (PathQuery is not null && ContainerPath.Normalize(PathQuery).Problem is { } problem)
        {
            _pathError = problem;
            _listing = new DirectoryListing(PathQuery, DockerCli.ListFiles(Id, PathQuery), [], problem);
            return;
        }
        if (_loadedFolder != Folder)
        {
            _goTo = Folder;
            _text = null;
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        await Model.WaitForFirstLoadAsync(TimeSpan.FromSeconds(5));
        _loadedFolder = Folder;
        _listing = await Files.ListAsync(Id, Folder);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_module is null)
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/uploads.js");
            _self = DotNetObjectReference.Create(this);
        }
        // The drop zone appears once the container is found; wiring twice is a no-op in the script.
        await _module.InvokeVoidAsync("dropzone", "files-drop", "files-input", ApiHref($"/api/containers/{Uri.EscapeDataString(Id)}/files/upload"), _self, new { bytes = Limits.ForOthers.Bytes, tooLarge = Limits.ForOthers.TooLarge });
    }

    private void OnPathKey(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
            _ = GoAsync();
    }

    private Task GoAsync()
    {
        var (path, problem) = ContainerPath.Normalize(_goTo);
        _pathError = problem;
        if (path is not null)
            Nav.NavigateTo(FolderHref(path));
        return Task.CompletedTask;
    }

    private async Task CreateFolderAsync()
    {
        _outcome = await Files.CreateFolderAsync(Id, Folder, _newFolder.Trim());
        if (_outcome.Ok)
        {
            _newFolder = "";
            await LoadAsync();
        }
    }

    private async Task OpenTextAsync(string path)
    {
        _text = await Files.ReadTextAsync(Id, path);
        _editText = _text.Text ?? "";
    }

    private async Task SaveTextAsync()
    {
        if (_text is null)
            return;
        _outcome = await Files.SaveTextAsync(Id, _text.Path, _editText);
        if (_outcome.Ok)
            await LoadAsync();
    }

    private void AskDelete(FileEntry entry)
    {
        var plan = Files.PlanDelete(Id, entry.Path);
        _confirm = new ConfirmRequest($"Delete {entry.Name}?",
            entry.IsDirectory ? "The folder and everything in it will be removed from the container." : "The file will be removed from the container.",
            [entry.Path], "Delete", async () =>
            {
                _outcome = await plan.RunAsync();
                await LoadAsync();
            })
        { Cli = plan.Cli };
    }

    [JSInvokable]
    public Task UploadProgress(string name, long loaded, long total) => InvokeAsync(() =>
    {
        SetUpload(name, total == 0 ? "starting…" : $"{ByteSize.Format(loaded)} of {ByteSize.Format(total)}");
        StateHasChanged();
    });

    [JSInvokable]
    public Task UploadDone(string name, bool ok, string message, string cli) => InvokeAsync(async () =>
    {
        SetUpload(name, ok ? "done" : "failed: " + message);
        _outcome = new ActionOutcome(cli, [new ActionResult(name, ok, message)]);
        await LoadAsync();
        StateHasChanged();
    });

    private void SetUpload(string name, string text)
    {
        var i = _uploads.FindIndex(u => u.Name == name);
        if (i >= 0)
            _uploads[i] = (name, text);
        else
            _uploads.Add((name, text));
    }

    public async ValueTask DisposeAsync()
    {
        base.Dispose();
        _self?.Dispose();
        await _module.DisposeQuietlyAsync();
    }
}
