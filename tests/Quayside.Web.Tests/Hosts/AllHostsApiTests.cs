using Microsoft.Extensions.DependencyInjection;
using Quayside.Engine.Hosts;

namespace Quayside.Web.Tests.Hosts;

/// <summary>The views over every host (/api/all/...): the local engine and the lab's TLS engine side by side.</summary>
public class AllHostsApiTests : LoggedInTest
{
    private async Task<EngineHost> AddTlsAsync(string name)
    {
        await LabEngines.EnsureAsync();
        var host = App.Services.GetRequiredService<HostRegistry>().Put(name, LabEngines.TlsEndpoint());
        Assert.True(await host.Model.WaitForFirstLoadAsync(TimeSpan.FromSeconds(30)), host.Model.Status.Problem?.ToString());
        return host;
    }

    [Fact]
    public async Task All_containers_lists_both_hosts_with_a_host_column_and_a_bulk_stop_stops_one_container_on_each()
    {
        var host = await AddTlsAsync("all-tls");
        var team = "team-" + Guid.NewGuid().ToString("N")[..8];
        var local = LabContainers.UniqueName("all-local");
        var remote = LabContainers.UniqueName("all-remote");
        await LabContainers.RunSleeperAsync(local, "--label", $"com.example.team={team}");
        await DockerCommand.OkAsync("exec", LabEngines.TlsContainer, "docker", "run", "-d", "--name", remote, "--label", $"{LabContainers.TestLabel}=1",
            "--label", $"com.example.team={team}", LabContainers.BusyboxImage, "sleep", "1000");
        try
        {
            JsonElement list = default;
            Assert.True(await EngineWait.UntilAsync(async () =>
            {
                list = await GetJsonAsync($"/api/all/containers?search={team}");
                return list.GetProperty("count").GetInt32() == 2;
            }, TimeSpan.FromSeconds(30)), $"both containers were never listed: {list}");
            var rows = list.GetProperty("items").EnumerateArray().ToDictionary(r => r.GetProperty("container").GetProperty("name").GetString()!, r => r.GetProperty("host").GetString());
            Assert.Equal("local", rows[local]);
            Assert.Equal("all-tls", rows[remote]);
            Assert.Contains($"docker -H {LabEngines.TlsAddress} --tlsverify --tlscacert ca.pem --tlscert cert.pem --tlskey key.pem ps -a", list.GetProperty("clis").GetRawText());

            var onlyTls = await GetJsonAsync($"/api/all/containers?search={team}&host=all-tls");
            Assert.Equal(remote, onlyTls.GetProperty("items").EnumerateArray().Single().GetProperty("container").GetProperty("name").GetString());

            var stop = await Client.PostAsJsonAsync("/api/all/containers/stop", new
            {
                targets = new[] { new { host = "local", id = local }, new { host = "all-tls", id = remote } },
                timeout = 1,
            });
            var outcomes = await stop.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(stop.IsSuccessStatusCode, outcomes.ToString());
            var lines = outcomes.EnumerateArray().ToDictionary(o => o.GetProperty("host").GetString()!, o => o.GetProperty("outcome").GetProperty("cli").GetString());
            Assert.Equal($"docker stop -t 1 {local}", lines["local"]);
            Assert.Equal($"docker -H {LabEngines.TlsAddress} --tlsverify --tlscacert ca.pem --tlscert cert.pem --tlskey key.pem stop -t 1 {remote}", lines["all-tls"]);
            Assert.Equal("exited", await DockerCommand.InspectAsync(local, "{{.State.Status}}"));
            Assert.Equal("exited", await DockerCommand.OkAsync("exec", LabEngines.TlsContainer, "docker", "inspect", "-f", "{{.State.Status}}", remote));

            var unknown = await Client.PostAsJsonAsync("/api/all/containers/stop", new { targets = new[] { new { host = "no-such-host", id = "x" } } });
            Assert.Equal(HttpStatusCode.Conflict, unknown.StatusCode);
            Assert.Contains("There is no host named 'no-such-host'", await unknown.Content.ReadAsStringAsync());
        }
        finally
        {
            await LabContainers.RemoveAsync(local);
            await DockerCommand.RunAsync("exec", LabEngines.TlsContainer, "docker", "rm", "-f", remote);
            await App.Services.GetRequiredService<HostRegistry>().RemoveAsync(host.Name);
        }
    }

    [Fact]
    public async Task Images_by_host_and_search_by_label_find_things_on_either_host()
    {
        var host = await AddTlsAsync("all-tls-2");
        var volume = LabContainers.UniqueName("all-vol");
        var marker = "marker-" + Guid.NewGuid().ToString("N")[..8];
        await DockerCommand.OkAsync("exec", LabEngines.TlsContainer, "docker", "volume", "create", "--label", $"{LabContainers.TestLabel}=1", "--label", $"com.example.find={marker}", volume);
        try
        {
            var images = await GetJsonAsync("/api/all/images");
            var busybox = images.EnumerateArray().Single(i => i.GetProperty("reference").GetString() == LabContainers.BusyboxImage);
            var holders = busybox.GetProperty("copies").EnumerateArray().Select(c => c.GetProperty("host").GetString()).ToList();
            Assert.Contains("local", holders);
            Assert.Contains("all-tls-2", holders);

            JsonElement hits = default;
            Assert.True(await EngineWait.UntilAsync(async () =>
            {
                hits = await GetJsonAsync($"/api/all/search?q={marker}");
                return hits.GetArrayLength() == 1;
            }, TimeSpan.FromSeconds(15)), $"the search never found the labelled volume: {hits}");
            var hit = hits[0];
            Assert.Equal(("volume", volume, "all-tls-2"), (hit.GetProperty("kind").GetString(), hit.GetProperty("name").GetString(), hit.GetProperty("host").GetString()));
            Assert.Equal($"label com.example.find={marker}", hit.GetProperty("matched").GetString());

            var empty = await Client.GetAsync("/api/all/search?q=");
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
            Assert.Contains("Type a part of a name", await empty.Content.ReadAsStringAsync());
        }
        finally
        {
            await DockerCommand.RunAsync("exec", LabEngines.TlsContainer, "docker", "volume", "rm", "-f", volume);
            await App.Services.GetRequiredService<HostRegistry>().RemoveAsync(host.Name);
        }
    }
}
