using Microsoft.AspNetCore.Components;
using Quayside.Engine.Pulls;
using Quayside.Engine.Registries;
using Quayside.Web.Pulls;
using Quayside.Web.Registries;

namespace Quayside.Web.Pulls;

/// <summary>One row per tag and platform, from Docker Hub's tags API or a v2 registry's manifests, with pull buttons.</summary>
public partial class Tags : IDisposable
{
    public const int TagsPerPage = 20;
    private readonly CancellationTokenSource _gone = new();
    private readonly List<PullJob> _jobs = [];
    private List<TagPlatformRow> _rows = [];
    private IReadOnlyList<string>? _allTags;
    private string? _problem;
    private bool _loading;
    private bool _hasMore;
    private int? _pageCount;
    private int? _tagCount;
    private string? _loaded;

    [Inject] private RegistryBrowser Browser { get; set; } = default!;
    private PullService Pulls => HostService<PullService>();
    [Inject] private NavigationManager Nav { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "source")] public string? Source { get; set; }
    [SupplyParameterFromQuery(Name = "repo")] public string? Repo { get; set; }
    [SupplyParameterFromQuery(Name = "page")] public int? Page { get; set; }

    private int PageNumber => Math.Max(1, Page ?? 1);
    private bool IsHub => Source is null or ImageReference.DockerHub;
    private string DisplayName => IsHub && Repo?.StartsWith("library/", StringComparison.Ordinal) == true ? Repo["library/".Length..] : Repo ?? "";

    private string Reference(string tag) => IsHub ? $"{DisplayName}:{tag}" : $"{Source}/{Repo}:{tag}";

    protected override async Task OnParametersSetAsync()
    {
        var key = $"{Source}|{Repo}|{PageNumber}";
        if (key == _loaded)
            return;
        _loaded = key;
        _problem = ValidateQuery();
        if (_problem is not null)
            return;
        _loading = true;
        try
        {
            if (IsHub)
                await LoadHubAsync();
            else
                await LoadRegistryAsync();
        }
        catch (RegistryException e)
        {
            _problem = e.Message;
        }
        finally
        {
            _loading = false;
        }
    }

    private string? ValidateQuery()
    {
        if (string.IsNullOrWhiteSpace(Repo) || Repo.Length > 255 || Repo.Contains("..") || Repo.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '/' or '.' or '_' or '-')))
            return $"'{Repo}' is not a repository name: use lowercase letters, digits, '.', '_', '-' and '/'.";
        if (!IsHub && RegistryAddress.Normalize(Source, out var problem) is null)
            return problem;
        return null;
    }

    private async Task LoadHubAsync()
    {
        var page = await Browser.HubTagsAsync(Repo!, PageNumber, 25, _gone.Token);
        _rows = [.. page.Items];
        _hasMore = page.HasMore;
        _tagCount = page.Total;
        _pageCount = page.Total is { } total ? (total + 24) / 25 : null;
    }

    private async Task LoadRegistryAsync()
    {
        var client = await Browser.ClientAsync(Source!, _gone.Token);
        _allTags ??= await client.TagsAsync(Repo!, _gone.Token);
        _tagCount = _allTags.Count;
        _pageCount = Math.Max(1, (_allTags.Count + TagsPerPage - 1) / TagsPerPage);
        _hasMore = PageNumber < _pageCount;
        var tags = _allTags.Skip((PageNumber - 1) * TagsPerPage).Take(TagsPerPage).ToList();
        using var gate = new SemaphoreSlim(6);
        var perTag = await Task.WhenAll(tags.Select(async tag =>
        {
            await gate.WaitAsync(_gone.Token);
            try
            {
                return await client.TagPlatformsAsync(Repo!, tag, _gone.Token);
            }
            catch (RegistryException e)
            {
                return [new TagPlatformRow(tag, "?", e.Message, null, null, null, null)];
            }
            finally
            {
                gate.Release();
            }
        }));
        _rows = perTag.SelectMany(r => r).ToList();
    }

    private void GoTo(int page) =>
        Nav.NavigateTo(Href($"/pulls/tags?source={Uri.EscapeDataString(Source ?? ImageReference.DockerHub)}&repo={Uri.EscapeDataString(Repo!)}&page={page}"));

    private void Pull(TagPlatformRow row, bool thisPlatform) =>
        _jobs.Insert(0, Pulls.Start(Reference(row.Tag), thisPlatform ? row.Platform : null));

    private static string ShortDigest(string? digest) => digest is { Length: > 19 } ? digest[..19] + "…" : digest ?? "";

    public void Dispose()
    {
        _gone.Cancel();
        _gone.Dispose();
        GC.SuppressFinalize(this);
    }
}
