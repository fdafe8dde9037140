using Quayside.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quayside.E2E.Pulls;

public sealed class PullSearchPageTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output), IAsyncLifetime
{
    private static readonly float PullTime = 60_000;
    private readonly List<string> _images = [];

    private async Task SaveRegistryAsync(string address, string? user = null, string? password = null)
    {
        await Page.GotoAsync("/registries");
        await WaitForInteractiveAsync(Page, "[data-testid=registry-address]");
        await Page.Locator("[data-testid=registry-address]").FillAsync(address);
        await Page.Locator("[data-testid=registry-user]").FillAsync(user ?? "");
        await Page.Locator("[data-testid=registry-secret]").FillAsync(password ?? "");
        await Page.Locator("[data-testid=registry-save]").ClickAsync();
        await Expect(Page.Locator($"[data-testid=registry-row][data-address=\"{address}\"]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Search_finds_the_repository_the_tags_page_shows_both_platforms_and_pull_this_platform_gives_arm64_with_live_progress()
    {
        var repo = "lab/e2e" + Guid.NewGuid().ToString("N")[..8];
        var reference = await LabRegistryImages.PushMultiArchAsync(LabRegistry.Open, repo, "1", layerBytes: 8_000_000);
        _images.Add(reference);
        await LoginAsync(Page, "/pulls");
        await SaveRegistryAsync(LabRegistry.Open);

        await Page.GotoAsync("/pulls");
        await WaitForInteractiveAsync(Page, "[data-testid=search-term]");
        await Page.Locator("[data-testid=search-term]").FillAsync(repo["lab/".Length..]);
        await Page.Locator("[data-testid=search-start]").ClickAsync();
        var hit = Page.Locator($"[data-testid=search-source][data-source=\"{LabRegistry.Open}\"] [data-testid=search-hit][data-name=\"{repo}\"]");
        await Expect(hit).ToBeVisibleAsync();

        await hit.Locator("[data-testid=hit-tags]").ClickAsync();
        var rows = Page.Locator("[data-testid=tag-row][data-tag=\"1\"]");
        await Expect(rows).ToHaveCountAsync(2, new() { Timeout = 15_000 });
        Assert.Equal(["linux/amd64", "linux/arm64/v8"], await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.platform)"));

        // Count the layer-bar renders the browser receives while the pull runs.
        await Page.EvaluateAsync("""
            () => { window.__layerStates = new Set(); new MutationObserver(() => document.querySelectorAll('[data-testid=pull-layer]')
              .forEach(l => window.__layerStates.add(l.dataset.layerState))).observe(document.body, { subtree: true, childList: true, attributes: true }); }
            """);
        await WaitForInteractiveAsync(Page, "[data-testid=row-pull-platform]");
        await Expect(Page.Locator("[data-testid=tags-loading]")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await rows.Nth(1).Locator("[data-testid=row-pull-platform]").ClickAsync();
        var progress = Page.Locator("main [data-testid=pull-progress]");
        await Expect(progress.Locator("[data-testid=pull-cli] .command")).ToHaveTextAsync($"docker pull --platform linux/arm64/v8 {reference}");
        await Expect(progress).ToHaveAttributeAsync("data-state", "succeeded", new() { Timeout = PullTime });
        await Expect(progress.Locator("[data-testid=pull-digest]")).ToContainTextAsync("sha256:");
        var states = await Page.EvaluateAsync<string[]>("() => [...window.__layerStates]");
        Assert.Contains("done", states);
        Assert.True(states.Length >= 2, "the browser saw only the layer states " + string.Join(", ", states));
        Assert.Equal("arm64", await DockerCommand.InspectAsync(reference, "{{.Architecture}}"));
    }

    [Fact]
    public async Task A_bad_reference_and_a_missing_tag_give_clear_errors()
    {
        await LoginAsync(Page, "/pulls");
        await WaitForInteractiveAsync(Page, "[data-testid=pull-reference]");
        await Page.Locator("[data-testid=pull-reference]").FillAsync("Bad Name:1");
        await Expect(Page.Locator("[data-testid=pull-reference-error]")).ToContainTextAsync("is not a valid image name");
        await Page.Locator("[data-testid=pull-platform]").FillAsync("arm64");
        await Expect(Page.Locator("[data-testid=pull-platform-error]")).ToContainTextAsync("os/architecture[/variant]");

        var missing = $"{LabRegistry.Open}/{LabRegistry.Busybox}:no-such-tag";
        await Page.Locator("[data-testid=pull-reference]").FillAsync(missing);
        await Page.Locator("[data-testid=pull-platform]").FillAsync("");
        await Page.Locator("[data-testid=pull-start]").ClickAsync();
        var progress = Page.Locator("main [data-testid=pull-progress]");
        await Expect(progress).ToHaveAttributeAsync("data-state", "failed", new() { Timeout = PullTime });
        await Expect(progress.Locator("[data-testid=pull-error]")).ToContainTextAsync("has no tag or digest 'no-such-tag'");
        // The pulls panel shows it from every page.
        await Expect(Page.Locator("[data-testid=pulls-panel]")).ToContainTextAsync(missing);
    }

    [Fact]
    public async Task The_authenticated_registry_refuses_without_credentials_and_works_with_them()
    {
        var reference = await LabRegistry.CopyTagAsync(LabRegistry.Auth, LabRegistry.Private, "1", LabRegistry.UniqueTag("e2e"), withAuth: true);
        _images.Add(reference);
        await LoginAsync(Page, "/registries");
        await WaitForInteractiveAsync(Page, "[data-testid=registry-address]");
        await Page.Locator("[data-testid=registry-address]").FillAsync(LabRegistry.Auth);
        await Page.Locator("[data-testid=registry-form-test]").ClickAsync();
        await Expect(Page.Locator("[data-testid=registry-message]")).ToContainTextAsync("requires a login");

        await Page.Locator("[data-testid=registry-user]").FillAsync(LabRegistry.User);
        await Page.Locator("[data-testid=registry-secret]").FillAsync("wrong-password");
        await Page.Locator("[data-testid=registry-form-test]").ClickAsync();
        await Expect(Page.Locator("[data-testid=registry-message]")).ToContainTextAsync("refused the saved credentials");

        await SaveRegistryAsync(LabRegistry.Auth, LabRegistry.User, LabRegistry.Password);
        await Page.Locator($"[data-testid=registry-row][data-address=\"{LabRegistry.Auth}\"] [data-testid=registry-test]").ClickAsync();
        await Expect(Page.Locator("[data-testid=registry-message]")).ToContainTextAsync("Login succeeded");
        // The secret is never shown again.
        await Expect(Page.Locator("body")).Not.ToContainTextAsync(LabRegistry.Password);

        await Page.GotoAsync($"/pulls?image={Uri.EscapeDataString(reference)}");
        await WaitForInteractiveAsync(Page, "[data-testid=pull-start]");
        await Page.Locator("[data-testid=pull-start]").ClickAsync();
        await Expect(Page.Locator("main [data-testid=pull-progress]")).ToHaveAttributeAsync("data-state", "succeeded", new() { Timeout = PullTime });
    }

    [Fact]
    public async Task Docker_Hub_search_and_tags_come_from_the_hub_api()
    {
        await LoginAsync(Page, "/pulls");
        await WaitForInteractiveAsync(Page, "[data-testid=search-term]");
        await Page.Locator("[data-testid=search-term]").FillAsync("busybox");
        await Page.Locator("[data-testid=search-start]").ClickAsync();
        var hub = Page.Locator("[data-testid=search-source][data-source=\"docker.io\"]");
        var official = hub.Locator("[data-testid=search-hit][data-name=busybox]");
        await Expect(official).ToContainTextAsync("Busybox base image.");
        await Expect(official.Locator("[data-testid=badge-official]")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-testid=search-cli] .command")).ToHaveTextAsync("docker search --limit 25 busybox");

        await official.Locator("[data-testid=hit-tags]").ClickAsync();
        var rows = Page.Locator("[data-testid=tag-row][data-tag=\"1.37\"]");
        await Expect(rows).ToHaveCountAsync(2);
        Assert.Equal(["linux/amd64", "linux/arm64/v8"], await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.platform)"));
    }

    [Fact]
    public async Task The_engine_search_failing_without_internet_is_said_in_words()
    {
        await LoginAsync(Page, "/pulls");
        await WaitForInteractiveAsync(Page, "[data-testid=search-term]");
        await Page.Locator("[data-testid=search-term]").FillAsync("busybox");
        await Page.Locator("[data-testid=search-via-engine]").CheckAsync();
        await Page.Locator("[data-testid=search-start]").ClickAsync();
        await Expect(Page.Locator("[data-testid=search-source][data-source=\"docker.io\"] [data-testid=source-error]"))
            .ToContainTextAsync("The engine's Docker Hub search failed", new() { Timeout = 60_000 });
    }

    [Fact]
    public async Task A_pull_goes_on_after_leaving_the_page_and_the_pulls_panel_shows_it_on_other_pages()
    {
        var reference = await LabRegistryImages.PushMultiArchAsync(LabRegistry.Open, "lab/fresh", LabRegistry.UniqueTag("leave"), layerBytes: 30_000_000);
        _images.Add(reference);
        await LoginAsync(Page, "/pulls");
        await WaitForInteractiveAsync(Page, "[data-testid=pull-reference]");
        await Page.Locator("[data-testid=pull-reference]").FillAsync(reference);
        await Page.Locator("[data-testid=pull-start]").ClickAsync();
        await Expect(Page.Locator("main [data-testid=pull-progress]")).ToBeVisibleAsync();

        await Page.GotoAsync("/images");
        await Expect(Page.Locator("[data-testid=pulls-panel]")).ToContainTextAsync(reference);
        var pulled = await EngineWait.UntilAsync(async () => (await DockerCommand.RunAsync("image", "inspect", reference)).ExitCode == 0, TimeSpan.FromSeconds(60));
        Assert.True(pulled, "the pull did not finish after the page was left");
    }

    [Fact]
    public async Task A_repository_with_many_tags_is_paged()
    {
        await LoginAsync(Page, "/pulls");
        await Page.GotoAsync($"/pulls/tags?source={LabRegistry.Open}&repo=lab/many");
        await Expect(Page.Locator("[data-testid=tags-page]")).ToHaveTextAsync("Page 1 of 6 (120 tags)", new() { Timeout = 15_000 });
        await Expect(Page.Locator("[data-testid=tag-row]")).ToHaveCountAsync(20);
        await Expect(Page.Locator("[data-testid=tag-row]").First).ToHaveAttributeAsync("data-tag", "t001");
        await WaitForInteractiveAsync(Page, "[data-testid=tags-next]");
        // The interactive render reads the tags again after the prerender; Next is disabled meanwhile.
        await Expect(Page.Locator("[data-testid=tags-loading]")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Page.Locator("[data-testid=tags-next]").ClickAsync();
        await Expect(Page.Locator("[data-testid=tags-page]")).ToHaveTextAsync("Page 2 of 6 (120 tags)", new() { Timeout = 15_000 });
        await Expect(Page.Locator("[data-testid=tag-row]").First).ToHaveAttributeAsync("data-tag", "t021");
    }

    [Fact]
    public async Task Push_from_the_images_page_tags_the_image_and_pushes_it_with_progress()
    {
        var source = "qt-push-" + Guid.NewGuid().ToString("N")[..8] + ":1";
        var target = $"{LabRegistry.Open}/lab/pushed-e2e:{LabRegistry.UniqueTag("e2e")}";
        await DockerCommand.OkAsync("tag", LabContainers.BusyboxImage, source);
        _images.AddRange([source, target]);

        await LoginAsync(Page, "/images");
        await WaitForInteractiveAsync(Page, "[data-testid=search]");
        await Page.Locator("[data-testid=search]").FillAsync(source);
        await Page.Locator("[data-testid=row-push]").First.ClickAsync();
        await WaitForInteractiveAsync(Page, "[data-testid=push-target]");
        await Expect(Page.Locator("[data-testid=push-source]")).ToHaveTextAsync(source);
        await Page.Locator("[data-testid=push-target]").FillAsync(target);
        await Expect(Page.Locator("[data-testid=push-tag-cli] .command")).ToHaveTextAsync($"docker tag {source} {target}");
        await Page.Locator("[data-testid=push-start]").ClickAsync();
        var progress = Page.Locator("main [data-testid=pull-progress]");
        await Expect(progress.Locator("[data-testid=pull-cli] .command")).ToHaveTextAsync($"docker push {target}");
        await Expect(progress).ToHaveAttributeAsync("data-state", "succeeded", new() { Timeout = PullTime });
        await Expect(progress.Locator("[data-testid=pull-layer]")).Not.ToHaveCountAsync(0);
        var tag = target[(target.LastIndexOf(':') + 1)..];
        using var http = new HttpClient();
        Assert.Contains(tag, await http.GetStringAsync("http://127.0.0.1:5000/v2/lab/pushed-e2e/tags/list"));
    }

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();

    // Pulled images carry no test label: removed by name.
    async Task IAsyncLifetime.DisposeAsync()
    {
        foreach (var image in _images)
            await LabRegistry.RemoveImageAsync(image);
        await base.DisposeAsync();
    }
}
