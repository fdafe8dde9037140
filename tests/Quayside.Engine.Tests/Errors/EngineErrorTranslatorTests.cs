using System.Net;
using Quayside.Engine.Connection;
using Quayside.Engine.Errors;

namespace Quayside.Engine.Tests.Errors;

public class EngineErrorTranslatorTests
{
    [Theory]
    [InlineData(HttpStatusCode.NotFound, "No such container: web", "There is no container 'web'")]
    [InlineData(HttpStatusCode.Conflict, "You cannot remove a running container 0123456789abcdef. Stop the container before attempting removal or force remove", "The container is running")]
    [InlineData(HttpStatusCode.Conflict, "conflict: unable to delete ee614c663f87 (must be forced) - image is being used by stopped container 1c63e46481e0", "used by container 1c63e46481e0")]
    [InlineData(HttpStatusCode.Conflict, "Conflict. The container name \"/web\" is already in use by container \"abc\". You have to remove (or rename) that container to be able to reuse that name.", "The name 'web' is already used")]
    [InlineData(HttpStatusCode.BadRequest, "Invalid signal: SIGFOO", "'SIGFOO' is not a signal")]
    [InlineData(HttpStatusCode.Conflict, "Container 0123456789abcdef0123 is not running", "is not running")]
    [InlineData(HttpStatusCode.InternalServerError, "Container 0123456789abcdef is not paused", "is not paused")]
    public void Known_engine_refusals_are_put_in_words(HttpStatusCode status, string engineMessage, string expected)
    {
        var problem = EngineErrorTranslator.FromEngine(status, engineMessage);
        Assert.Contains(expected, problem.ToString());
    }

    [Theory]
    [InlineData("remove v1: volume is in use - [0123456789abcdef0123]", "The volume 'v1' is in use by container 0123456789ab, so it was not removed.")]
    [InlineData("error while removing network: network n1 id 42ab has active endpoints", "The network 'n1' still has containers connected, so it was not removed.")]
    [InlineData("host is a pre-defined network and cannot be removed", "'host' is one of the engine's predefined networks (bridge, host, none); it cannot be removed.")]
    [InlineData("Pool overlaps with other one on this address space", "The subnet overlaps a subnet another network already uses.")]
    public void Refusals_read_as_sentences(string engine, string expected) =>
        Assert.Equal(expected, EngineErrorTranslator.FromEngine(System.Net.HttpStatusCode.Conflict, engine).Message);

    [Fact]
    public void The_archive_apis_missing_path_becomes_no_such_file_or_folder()
    {
        var problem = EngineErrorTranslator.FromEngine(HttpStatusCode.NotFound, "Could not find the file /nope in container web");
        Assert.Equal("No such file or folder: /nope.", problem.Message);
    }

    [Fact]
    public void Unknown_refusals_keep_the_engines_text() =>
        Assert.Equal("The engine reported an error: something odd happened",
            EngineErrorTranslator.FromEngine(HttpStatusCode.InternalServerError, "something odd happened").Message);

    [Fact]
    public async Task A_missing_socket_says_where_and_suggests_starting_dockerd()
    {
        var endpoint = EngineEndpoint.Parse($"unix:///tmp/qt-missing-{Guid.NewGuid():N}.sock");
        using var client = new EngineClient(endpoint);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync<object>("/version"));
        var problem = EngineErrorTranslator.Translate(error, endpoint);
        Assert.Contains(endpoint.Address, problem.Message);
        Assert.Contains("does not exist", problem.Message);
        Assert.Contains("Is dockerd running?", problem.Advice);
    }

    [Fact]
    public async Task A_socket_nobody_listens_on_is_reported_as_refused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"qt-dead-{Guid.NewGuid():N}.sock");
        // Bound but not listening: the socket file exists and connections are refused, as after dockerd crashed.
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(path));
        try
        {
            var endpoint = EngineEndpoint.Parse("unix://" + path);
            using var client = new EngineClient(endpoint);
            var error = await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync<object>("/version"));
            var problem = EngineErrorTranslator.Translate(error, endpoint);
            Assert.Contains("refused", problem.Message);
            Assert.Contains("nothing listens", problem.Advice);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_real_engine_refusal_arrives_translated()
    {
        using var client = new EngineClient(EngineEndpoint.Parse(null));
        var error = await Assert.ThrowsAsync<EngineApiException>(() => client.GetAsync<object>("/containers/qt-does-not-exist-x/json"));
        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Equal("There is no container 'qt-does-not-exist-x'. It may have been removed already.",
            EngineErrorTranslator.Translate(error, client.Endpoint).Message);
    }
}
