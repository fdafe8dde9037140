using Quayside.Engine.Progress;

namespace Quayside.Engine.Tests.Progress;

/// <summary>The progress lines build, load and import stream (shared: src/Quayside.Engine/Progress).</summary>
public class ProgressLineTests
{
    [Theory]
    [InlineData("""{"stream":"Step 1/2 : FROM x\n"}""", "Step 1/2 : FROM x\n", null, null)]
    [InlineData("""{"error":"The command '/bin/sh -c false' returned a non-zero code: 1","errorDetail":{"code":1,"message":"The command '/bin/sh -c false' returned a non-zero code: 1"}}""",
        "The command '/bin/sh -c false' returned a non-zero code: 1\n", "The command '/bin/sh -c false' returned a non-zero code: 1", null)]
    [InlineData("""{"aux":{"ID":"sha256:abc"}}""", "", null, "sha256:abc")]
    [InlineData("""{"status":"Loading layer","progressDetail":{"current":1,"total":2},"progress":"[=>  ] 1B/2B","id":"abc"}""", "abc: Loading layer [=>  ] 1B/2B\n", null, null)]
    [InlineData("""{"status":"sha256:def"}""", "sha256:def\n", null, "sha256:def")]
    public void Progress_lines_are_read_as_text_error_or_image_id(string json, string text, string? error, string? imageId)
    {
        var line = ProgressLine.Parse(json)!;
        Assert.Equal(text, line.Text);
        Assert.Equal(error, line.Error);
        Assert.Equal(imageId, line.ImageId);
    }
}
