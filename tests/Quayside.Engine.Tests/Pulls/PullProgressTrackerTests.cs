using System.Text.Json.Nodes;
using Quayside.Engine.Pulls;

namespace Quayside.Engine.Tests.Pulls;

public class PullProgressTrackerTests
{
    private static PullSnapshot Feed(params string[] lines)
    {
        var t = new PullProgressTracker();
        foreach (var line in lines)
            t.Apply(JsonNode.Parse(line)!);
        return t.Snapshot();
    }

    [Fact]
    public void Follows_each_layer_through_its_states()
    {
        var s = Feed(
            """{"status":"Pulling from lab/busybox","id":"1"}""",
            """{"status":"Pulling fs layer","progressDetail":{},"id":"aaaaaaaaaaaa"}""",
            """{"status":"Already exists","progressDetail":{},"id":"bbbbbbbbbbbb"}""",
            """{"status":"Downloading","progressDetail":{"current":500000,"total":1000000},"progress":"[==>]","id":"aaaaaaaaaaaa"}""");
        Assert.Equal(["aaaaaaaaaaaa", "bbbbbbbbbbbb"], s.Layers.Select(l => l.Id));
        Assert.Equal("downloading 0.5 MB / 1.0 MB", s.Layers[0].Describe());
        Assert.Equal("already exists", s.Layers[1].Describe());
        Assert.Equal((0.35 + 1) / 2, s.Overall, 3);
        Assert.Equal("Pulling from lab/busybox", s.Status);
    }

    [Fact]
    public void Keeps_the_digest_and_final_status()
    {
        var digest = "sha256:" + new string('c', 64);
        var s = Feed(
            """{"status":"Extracting","progressDetail":{"current":10,"total":20},"id":"aaaaaaaaaaaa"}""",
            """{"status":"Pull complete","progressDetail":{},"id":"aaaaaaaaaaaa"}""",
            $$"""{"status":"Digest: {{digest}}"}""",
            """{"status":"Status: Downloaded newer image for localhost:5000/lab/busybox:1"}""");
        Assert.Equal(LayerState.Done, s.Layers[0].State);
        Assert.Equal(digest, s.Digest);
        Assert.Equal("Status: Downloaded newer image for localhost:5000/lab/busybox:1", s.Status);
    }

    [Fact]
    public void Keeps_an_error_from_the_stream()
    {
        var s = Feed("""{"errorDetail":{"message":"no matching manifest for linux/s390x in the manifest list entries"},"error":"no matching manifest for linux/s390x in the manifest list entries"}""");
        Assert.Contains("no matching manifest", s.Error);
    }
}
