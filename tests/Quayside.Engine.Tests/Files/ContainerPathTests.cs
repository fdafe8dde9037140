using Quayside.Engine.Files;

namespace Quayside.Engine.Tests.Files;

public class ContainerPathTests
{
    [Theory]
    [InlineData("/etc//nginx/./conf.d/", "/etc/nginx/conf.d", null)]
    [InlineData("/", "/", null)]
    [InlineData("etc", null, "'etc' is not an absolute path: start it with '/', e.g. /etc/hosts.")]
    [InlineData("", null, "A path is required, e.g. /etc or /app/config.json.")]
    [InlineData("/a/../b", null, "'/a/../b' contains '..': write the folder's absolute path instead.")]
    public void Container_paths_are_tidied_or_refused_in_words(string input, string? path, string? problem)
    {
        Assert.Equal((path, problem), ContainerPath.Normalize(input));
    }
}
