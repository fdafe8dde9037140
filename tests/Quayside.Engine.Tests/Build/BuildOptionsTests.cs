using Quayside.Engine.Build;

namespace Quayside.Engine.Tests.Build;

public class BuildOptionsTests
{
    [Fact]
    public void Build_options_are_checked_with_what_is_accepted()
    {
        var problems = new BuildOptions { Tags = ["ok:1"], Target = "-bad", Dockerfile = "../Dockerfile", Labels = new Dictionary<string, string> { ["a=b"] = "" } }.Problems();
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("'-bad' is not a valid target stage", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("'../Dockerfile' is not a valid Dockerfile path", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("'a=b' is not a valid label name", StringComparison.Ordinal));
    }
}
