using System.Net;
using Quayside.Engine.Connection;
using Quayside.Engine.Errors;

namespace Quayside.Engine.Tests.Errors;

public class EngineErrorTranslatorFilesTests
{
    private static readonly EngineEndpoint Local = EngineEndpoint.Parse("unix:///var/run/docker.sock");

    [Fact]
    public void A_container_the_model_does_not_know_is_named() =>
        Assert.Equal("There is no container 'web' on this engine. It may have been removed.", EngineErrorTranslator.NoContainer("web"));

    [Fact]
    public void A_404_that_does_not_name_the_container_is_the_missing_path() =>
        Assert.Equal("No such file or folder: /srv/gone.", EngineErrorTranslator.FileProblem(
            new EngineApiException(HttpStatusCode.NotFound, "Could not find the file /srv/gone in container web", "/containers/web/archive"), "/srv/gone", Local));

    [Fact]
    public void A_404_for_the_container_is_the_container() =>
        Assert.Equal("There is no container 'web'. It may have been removed already.", EngineErrorTranslator.FileProblem(
            new EngineApiException(HttpStatusCode.NotFound, "No such container: web", "/containers/web/archive"), "/srv", Local));

    [Fact]
    public void Other_refusals_are_worded_as_any_engine_error() =>
        Assert.Equal("The container's filesystem is read-only, so nothing can be written to it.", EngineErrorTranslator.FileProblem(
            new EngineApiException(HttpStatusCode.Forbidden, "container rootfs is marked read-only", "/containers/web/archive"), "/srv", Local));
}
