namespace Quayside.Web.Tests.Images;

public class ImagesApiTests : LoggedInTest
{
    [Fact]
    public async Task Images_list_the_lab_image_with_platform_and_tagging_validates()
    {
        var images = await Client.GetFromJsonAsync<JsonElement>("/api/images?search=quayside-lab/busybox");
        var busybox = images.GetProperty("items").EnumerateArray().First(i => i.GetProperty("tags").EnumerateArray().Any(t => t.GetString() == LabContainers.BusyboxImage));
        Assert.Equal("linux/amd64", busybox.GetProperty("platform").GetString());
        Assert.Equal("docker images --digests", images.GetProperty("cli").GetString());

        var bad = await Client.PostAsJsonAsync($"/api/images/{Uri.EscapeDataString(LabContainers.BusyboxImage)}/tag", new { target = "NOT valid" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("is not a valid image name", await bad.Content.ReadAsStringAsync());

        var target = $"quayside-lab/api-tag:{Guid.NewGuid():N}"[..40];
        try
        {
            var ok = await Client.PostAsJsonAsync($"/api/images/{Uri.EscapeDataString(LabContainers.BusyboxImage)}/tag", new { target });
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(await DockerCommand.InspectAsync(LabContainers.BusyboxImage, "{{.Id}}"), await DockerCommand.InspectAsync(target, "{{.Id}}"));
        }
        finally
        {
            await DockerCommand.RunAsync("rmi", target);
        }
    }
}
