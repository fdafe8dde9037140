using Bunit;
using Quayside.Web.Inspect;

namespace Quayside.Web.Tests.Inspect;

public class ImageInspectPageTests : InspectPageTest
{
    private const string Arm64Image = "quayside-lab/busybox-arm64:latest";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private string ImageId(string reference) => Ctx.Model.FindImage(reference)?.Id ?? throw new InvalidOperationException($"{reference} is not in the lab (scripts/lab-images.sh)");

    [Fact]
    public void The_arm64_lab_image_shows_arm64_and_the_emulation_note()
    {
        var page = Render<ImageInspectPage>(ImageId(Arm64Image));
        page.WaitForAssertion(() => Assert.Equal("arm64", page.Find("[data-testid=image-architecture]").TextContent), Wait);
        page.WaitForAssertion(() => Assert.Contains("run under emulation", page.Find("[data-testid=emulation-note]").TextContent));
        // scripts/test-env.sh registers qemu-user-static through binfmt-support.
        Assert.Contains("qemu-aarch64", page.Find("[data-testid=emulator]").TextContent);
        Assert.Contains(Arm64Image, page.Find("[data-testid=image-tags]").TextContent);
        Assert.NotEmpty(page.FindAll("[data-testid=layers] li"));
        Assert.Equal("docker image inspect " + Arm64Image, page.Find("[data-testid=image-inspect-cli] .command").TextContent);
    }

    [Fact]
    public void An_image_of_the_engines_own_platform_has_no_emulation_note()
    {
        var page = Render<ImageInspectPage>(ImageId("quayside-lab/busybox:latest"));
        page.WaitForAssertion(() => Assert.Equal("amd64", page.Find("[data-testid=image-architecture]").TextContent), Wait);
        Assert.Empty(page.FindAll("[data-testid=emulation-note]"));
    }

    [Fact]
    public void History_lists_the_build_steps_with_empty_layers_dimmed()
    {
        var page = Render<ImageHistoryPage>(ImageId(Arm64Image));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=history-row]")), Wait);
        var rows = page.FindAll("[data-testid=history-row]");
        Assert.Contains(rows, r => r.GetAttribute("data-empty") == "false" && r.TextContent.Contains("COPY"));
        Assert.All(rows.Where(r => r.GetAttribute("data-empty") == "true"), r => Assert.Contains("empty-layer", r.ClassName));
        Assert.Equal("docker history --no-trunc " + Arm64Image, page.Find("[data-testid=history-cli] .command").TextContent);
    }

    [Fact]
    public void Raw_json_shows_the_image_id()
    {
        var id = ImageId(Arm64Image);
        var page = Render<ImageJsonPage>(id);
        page.WaitForAssertion(() => Assert.Contains($"\"{id}\"", page.Find("[data-testid=raw-json]").TextContent), Wait);
        Assert.Contains("\"arm64\"", page.Find("[data-testid=raw-json]").TextContent);
    }
}
