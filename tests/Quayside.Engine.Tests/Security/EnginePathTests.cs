using Quayside.Engine.Connection;
using Quayside.Engine.Files;

namespace Quayside.Engine.Tests.Security;

/// <summary>The one builder of engine paths: what each kind accepts, what it refuses, and that it escapes once.</summary>
public sealed class EnginePathTests
{
    [Theory]
    [InlineData("quayside-lab/busybox:latest", "/images/quayside-lab%2Fbusybox%3Alatest")]
    [InlineData("localhost:5000/team/app:1.0", "/images/localhost%3A5000%2Fteam%2Fapp%3A1.0")]
    [InlineData("busybox", "/images/busybox")]
    [InlineData("sha256:9666f8a0c4006bbb96526b3574f7454acd4069270234828cdcef55b062364163",
        "/images/sha256%3A9666f8a0c4006bbb96526b3574f7454acd4069270234828cdcef55b062364163")]
    [InlineData("9666f8a0c400", "/images/9666f8a0c400")]
    [InlineData("lab/busybox@sha256:9666f8a0c4006bbb96526b3574f7454acd4069270234828cdcef55b062364163",
        "/images/lab%2Fbusybox%40sha256%3A9666f8a0c4006bbb96526b3574f7454acd4069270234828cdcef55b062364163")]
    [InlineData("127.0.0.1:5000/lab/many:v1.2_rc-3", "/images/127.0.0.1%3A5000%2Flab%2Fmany%3Av1.2_rc-3")]
    public void Valid_image_references_and_ids_are_escaped_once(string value, string expected) =>
        Assert.Equal(expected, EnginePath.Image(value));

    [Theory]
    [InlineData("../../containers/x")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("lab/../x")]
    [InlineData("lab//x")]
    [InlineData("..%2F..%2Fcontainers%2Fx")]
    [InlineData("%2e%2e")]
    [InlineData("busybox\n")]
    [InlineData("Busybox")]
    [InlineData("busybox:lat est")]
    [InlineData("busybox?x=1")]
    [InlineData("busybox#x")]
    [InlineData("/busybox")]
    public void Image_names_outside_the_reference_grammar_are_refused_with_a_sentence(string value)
    {
        var e = Assert.Throws<InvalidEngineNameException>(() => EnginePath.Image(value));
        Assert.Contains("is not a valid image name or id:", e.Message);
        Assert.Contains("busybox:1.36", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void The_refusal_quotes_the_value_as_given()
    {
        var e = Assert.Throws<InvalidEngineNameException>(() => EnginePath.Image("../../containers/x"));
        Assert.StartsWith("'../../containers/x' is not a valid image name or id: ", e.Message);
    }

    [Theory]
    [InlineData("qt-web-1", "/containers/qt-web-1")]
    [InlineData("/qt-web-1", "/containers/qt-web-1")]
    [InlineData("985bc131e45c", "/containers/985bc131e45c")]
    [InlineData("a", "/containers/a")]
    public void Container_names_and_ids_are_accepted_and_a_leading_slash_dropped(string value, string expected) =>
        Assert.Equal(expected, EnginePath.Container(value));

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("../images/x")]
    [InlineData("..%2F..%2Fimages%2Fx")]
    [InlineData("%2E%2E")]
    [InlineData("x/json")]
    [InlineData("x y")]
    [InlineData("x\r\nHost: evil")]
    [InlineData(".hidden")]
    public void Container_names_outside_the_engines_grammar_are_refused(string value)
    {
        var e = Assert.Throws<InvalidEngineNameException>(() => EnginePath.Container(value));
        Assert.Contains("is not a valid container name or id:", e.Message);
        Assert.DoesNotContain("\r", e.Message);
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("../containers/x")]
    [InlineData("%2e%2e")]
    [InlineData("a b")]
    public void Volume_names_outside_the_engines_grammar_are_refused(string value) =>
        Assert.Contains("is not a valid volume name:", Assert.Throws<InvalidEngineNameException>(() => EnginePath.Volume(value)).Message);

    [Fact]
    public void Volume_names_of_the_local_driver_are_accepted() =>
        Assert.Equal("/volumes/qt-vol_1.data", EnginePath.Volume("qt-vol_1.data"));

    [Theory]
    [InlineData("bridge", "/networks/bridge")]
    [InlineData("a b", "/networks/a%20b")]
    [InlineData("a/b", "/networks/a%2Fb")]
    [InlineData("a%b", "/networks/a%25b")]
    public void Network_names_the_engine_accepts_are_escaped_once(string value, string expected) =>
        Assert.Equal(expected, EnginePath.Network(value));

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("../../containers/x")]
    [InlineData("a/../b")]
    [InlineData("a//b")]
    [InlineData("a\\..")]
    [InlineData("net\n")]
    public void Network_names_that_would_name_another_path_are_refused(string value) =>
        Assert.Contains("is not a valid network name or id:", Assert.Throws<InvalidEngineNameException>(() => EnginePath.Network(value)).Message);

    [Theory]
    [InlineData("../containers/x")]
    [InlineData("abc")]
    [InlineData("985BC131E45CFDB1F195CA5C635B36EC8ACFFA3590296F6408669A5E89A008EE")]
    public void Exec_ids_are_64_hex_digits(string value) =>
        Assert.Contains("is not a valid exec id:", Assert.Throws<InvalidEngineNameException>(() => EnginePath.Exec(value)).Message);

    [Theory]
    [InlineData("/images/../../containers/x/json")]
    [InlineData("/images/..%2F..%2Fcontainers%2Fx/json")]
    [InlineData("/images/%2E%2E/%2e%2e/containers/x/json")]
    [InlineData("/images/%252e%252e/containers/x/json")]
    [InlineData("/images/./x/json")]
    [InlineData("/containers//json")]
    [InlineData("/containers/x/json/")]
    [InlineData("/containers/x%5C..%5C/json")]
    [InlineData("/exec/x/start HTTP/1.1\r\nX: y")]
    [InlineData("images/x/json")]
    public void The_last_check_refuses_dot_and_empty_segments_raw_or_encoded(string path) =>
        Assert.Throws<InvalidEngineNameException>(() => EnginePath.EnsureSafe(path));

    [Theory]
    [InlineData("/containers/json?all=1&filters=%7B%22name%22%3A%5B%22..%22%5D%7D")]
    [InlineData("/containers/x/archive?path=%2F..%2Fetc")]
    [InlineData("/images/create?fromImage=busybox&tag=latest")]
    [InlineData("/networks/a%2Fb")]
    [InlineData("/_ping")]
    public void The_last_check_lets_dots_in_query_values_and_escaped_names_through(string path) =>
        EnginePath.EnsureSafe(path);

    [Theory]
    [InlineData("/etc/../../x", null)]
    [InlineData("/srv/a b&c=d#e?f", "/srv/a b&c=d#e?f")]
    [InlineData("//srv/./data/", "/srv/data")]
    public void Container_file_paths_are_normalized_absolute_and_query_escaped(string path, string? normalized)
    {
        var (result, problem) = ContainerPath.Normalize(path);
        Assert.Equal(normalized, result);
        if (normalized is null)
        {
            Assert.Contains("'..'", problem);
            return;
        }
        // The archive API takes the path as a query value: escaped, it can end neither the path nor the query.
        var url = EngineRoutes.ContainerArchive("x", result!);
        EnginePath.EnsureSafe(url);
        var query = new Uri("http://engine" + url).Query;
        Assert.Single(query.TrimStart('?').Split('&'));
        Assert.Equal(result, Uri.UnescapeDataString(query["?path=".Length..]));
    }
}
