namespace Quayside.Web.Tests.Networks;

public class NetworksApiTests : LoggedInTest
{
    [Fact]
    public async Task The_predefined_networks_are_marked_and_removing_one_is_refused_in_words()
    {
        var list = await Client.GetFromJsonAsync<JsonElement>("/api/networks");
        var predefined = list.GetProperty("items").EnumerateArray().Where(n => n.GetProperty("predefined").GetBoolean()).Select(n => n.GetProperty("name").GetString()).Order();
        Assert.Equal(["bridge", "host", "none"], predefined);

        var response = await Client.DeleteAsync("/api/networks/host");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("predefined networks", await response.Content.ReadAsStringAsync());
    }
}
