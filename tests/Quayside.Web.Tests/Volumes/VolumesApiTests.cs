namespace Quayside.Web.Tests.Volumes;

public class VolumesApiTests : LoggedInTest
{
    [Fact]
    public async Task Creating_a_volume_without_the_antiforgery_header_is_refused()
    {
        var client = App.CreateBrowserlikeClient();
        await QuaysideFactory.PostLoginAsync(client, "admin", QuaysideFactory.Password);
        var name = LabContainers.UniqueName("xsrf");
        var response = await client.PostAsJsonAsync("/api/volumes", new { name });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEqual(0, (await DockerCommand.RunAsync("volume", "inspect", name)).ExitCode);
    }

    [Fact]
    public async Task A_volume_created_through_the_api_is_listed_with_its_cli_line_and_a_bad_name_is_refused_in_words()
    {
        var name = LabContainers.UniqueName("apivol");
        try
        {
            var labels = new Dictionary<string, string> { [LabContainers.TestLabel] = "1", [LabResources.Issue8Label] = "1" };
            var created = await Client.PostAsJsonAsync("/api/volumes", new { name, labels });
            var outcome = await created.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(created.IsSuccessStatusCode, outcome.ToString());
            Assert.Equal($"docker volume create --label {LabContainers.TestLabel}=1 --label {LabResources.Issue8Label}=1 {name}", outcome.GetProperty("cli").GetString());

            Assert.True(await EngineWait.UntilAsync(async () =>
            {
                var list = await Client.GetFromJsonAsync<JsonElement>("/api/volumes");
                return list.GetProperty("items").EnumerateArray().Any(v => v.GetProperty("name").GetString() == name && v.GetProperty("unused").GetBoolean());
            }, TimeSpan.FromSeconds(2)), "the volume is not listed as unused");

            var bad = await Client.PostAsJsonAsync("/api/volumes", new { name = "-bad name" });
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("is not a valid volume name", await bad.Content.ReadAsStringAsync());
        }
        finally
        {
            await LabResources.RemoveVolumesAsync(name);
        }
    }
}
