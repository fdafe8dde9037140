using Quayside.Engine.Connection;
using Quayside.Engine.Containers;
using Quayside.Engine.Model;

namespace Quayside.Engine.Tests.Containers;

public class ContainerSortTests
{
    private static readonly HostModel Model = new(new EngineClient(EngineEndpoint.Parse(null)));

    private static readonly ContainerSummary[] Items =
    [
        new() { Id = "b", Names = ["/beta"], Created = 20, Labels = new Dictionary<string, string> { ["x"] = "1", ["y"] = "2" }, Command = "sleep" },
        new() { Id = "a", Names = ["/alpha"], Created = 30, Command = "true" },
        new() { Id = "c", Names = ["/gamma"], Created = 10, Labels = new Dictionary<string, string> { ["x"] = "1" }, Command = "httpd" },
    ];

    [Theory]
    [InlineData("name", false, "alpha,beta,gamma")]
    [InlineData("name", true, "gamma,beta,alpha")]
    [InlineData("created", false, "gamma,beta,alpha")]
    [InlineData("labels", true, "beta,gamma,alpha")]
    [InlineData("command", false, "gamma,beta,alpha")]
    public void Every_column_sorts(string key, bool descending, string expected) =>
        Assert.Equal(expected, string.Join(',', ContainerSort.Apply(Items, key, descending, Model).Select(c => c.Name)));

    [Fact]
    public void Every_sort_key_is_accepted() =>
        Assert.All(ContainerSort.Keys, key => Assert.Equal(3, ContainerSort.Apply(Items, key, false, Model).Count()));
}
