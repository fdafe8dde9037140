using System.Net.Http.Json;
using System.Text.Json;

namespace Quayside.Web.Tests;

public class OpenApiTests : LoggedInTest
{
    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        var doc = await Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/containers", out _));
        Assert.True(paths.TryGetProperty("/api/images", out _));
        Assert.True(paths.TryGetProperty("/api/containers/{action}", out _));
    }
}
