using System.Text.Json.Nodes;
using Quayside.Engine.Cli;
using Quayside.Engine.Connection;
using Quayside.Engine.Errors;
using Quayside.Engine.Model;
using Quayside.Engine.Volumes;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Connection;

/// <summary>
/// A host spoken to at an older API (the engine takes <c>/v1.24/...</c> as the docker CLI's DOCKER_API_VERSION sends it):
/// what it lacks is refused before sending, naming the feature and the version it needs, as the CLI refuses it.
/// </summary>
public sealed class ApiVersionTests
{
    private static EngineEndpoint Pinned(string version) =>
        EngineEndpoint.Parse(EngineEndpoint.DefaultAddress) with { ApiVersion = ApiVersion.ParseOrNull(version) };

    [Fact]
    public async Task At_API_1_24_the_engine_still_lists_containers_but_disk_usage_is_refused_naming_the_feature_and_version_like_the_CLI()
    {
        var name = LabContainers.UniqueName("api124");
        await LabContainers.CreateAsync(name);
        try
        {
            using var client = new EngineClient(Pinned("1.24"));
            var list = await client.GetAsync<JsonArray>(EngineRoutes.ContainersList(all: true));
            Assert.Contains(list, c => c!["Names"]!.AsArray().Any(n => (string?)n == "/" + name));

            var error = await Assert.ThrowsAsync<EngineApiTooOldException>(() => client.GetAsync<JsonObject>(EngineRoutes.SystemDf()));
            var problem = EngineErrorTranslator.Translate(error, client.Endpoint);
            Assert.Equal("Disk usage (docker system df) needs Docker Engine API 1.25 or newer, and unix:///var/run/docker.sock is used at API 1.24 "
                + "(the API version pinned for this host).", problem.Message);
            Assert.Equal("Raise or clear the host's API version on the hosts page.", problem.Advice);

            var cli = await DockerCommand.RunLineAsync("DOCKER_API_VERSION=1.24 docker system df");
            Assert.NotEqual(0, cli.ExitCode);
            Assert.Contains("requires API version 1.25", cli.Stderr);
        }
        finally
        {
            await LabContainers.RemoveAsync(name);
        }
    }

    [Fact]
    public async Task At_API_1_40_a_container_is_created_but_choosing_its_platform_is_refused_and_nothing_is_made()
    {
        var name = LabContainers.UniqueName("api140");
        using var client = new EngineClient(Pinned("1.40"));
        var body = new JsonObject { ["Image"] = LabContainers.BusyboxImage, ["Labels"] = new JsonObject { [LabContainers.TestLabel] = "1" } };
        try
        {
            var error = await Assert.ThrowsAsync<EngineApiTooOldException>(() =>
                client.SendAsync(HttpMethod.Post, EngineRoutes.ContainersCreate(name, "linux/amd64"), body));
            Assert.StartsWith("Creating a container for a chosen platform (docker run --platform) needs Docker Engine API 1.41 or newer",
                EngineErrorTranslator.Translate(error, client.Endpoint).Message);
            Assert.NotEqual(0, (await DockerCommand.RunAsync("inspect", name)).ExitCode);

            await client.SendAsync(HttpMethod.Post, EngineRoutes.ContainersCreate(name, null), body);
            Assert.Equal("created", await DockerCommand.InspectAsync(name, "{{.State.Status}}"));
        }
        finally
        {
            await LabContainers.RemoveAsync(name);
        }
    }

    [Fact]
    public async Task A_pinned_version_newer_than_the_engine_offers_is_refused_by_the_engine_and_said_in_words()
    {
        using var client = new EngineClient(Pinned("1.99"));
        var error = await Assert.ThrowsAsync<EngineApiException>(() => client.GetAsync<JsonObject>(EngineRoutes.Version()));
        var problem = EngineErrorTranslator.Translate(error, client.Endpoint);
        var offered = JsonNode.Parse(await DockerCommand.OkAsync("version", "--format", "{{json .Server.APIVersion}}"))!.GetValue<string>();
        Assert.Equal($"This engine offers API {offered} at most, and Quayside spoke 1.99 to it (the API version pinned for this host).", problem.Message);
    }

    [Fact]
    public async Task The_engine_s_own_version_is_what_an_unpinned_host_is_checked_against_once_its_model_has_read_it()
    {
        using var client = new EngineClient(EngineEndpoint.Parse(EngineEndpoint.DefaultAddress));
        var model = new HostModel(client);
        using var stop = new CancellationTokenSource();
        var run = model.RunAsync(stop.Token);
        try
        {
            await model.WaitForFirstLoadAsync(TimeSpan.FromSeconds(30));
            var offered = await DockerCommand.OkAsync("version", "--format", "{{.Server.APIVersion}}");
            Assert.Equal(offered, client.Speaks.ToString());
            Assert.Null(ApiRequirements.Unmet(EngineRoutes.SystemDf(), client.Speaks!.Value));
        }
        finally
        {
            await stop.CancelAsync();
            await run.ContinueWith(_ => { });
        }
    }

    [Theory]
    [InlineData("1.41", "docker volume prune -f")]
    [InlineData("1.42", "docker volume prune -a -f")]
    public void From_API_1_42_a_volume_prune_asks_for_named_volumes_too(string speaks, string line)
    {
        // No lab engine is newer than 1.41: the line is checked for the version the engine would report.
        using var client = new EngineClient(EngineEndpoint.Parse(EngineEndpoint.DefaultAddress)) { EngineApiVersion = ApiVersion.ParseOrNull(speaks) };
        Assert.Equal(line, new VolumeActions(new HostModel(client)).PruneCli());
    }

    [Fact]
    public void A_pinned_host_s_lines_set_DOCKER_API_VERSION_before_each_docker_once()
    {
        var endpoint = EngineEndpoint.Parse("ssh://deploy@10.0.0.5") with { ApiVersion = new ApiVersion(1, 24) };
        var once = DockerCli.OnHost(DockerCli.HostFlags(endpoint), "docker stop web && docker rm web", DockerCli.ApiVersionEnvironment(endpoint));
        Assert.Equal("DOCKER_API_VERSION=1.24 docker -H ssh://deploy@10.0.0.5 stop web && DOCKER_API_VERSION=1.24 docker -H ssh://deploy@10.0.0.5 rm web", once);
        Assert.Equal(once, DockerCli.OnHost(DockerCli.HostFlags(endpoint), once, DockerCli.ApiVersionEnvironment(endpoint)));
    }
}
