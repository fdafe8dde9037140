using System.Net;
using Quayside.Engine.Cli;
using Quayside.Engine.Errors;
using Quayside.Engine.Files;
using Quayside.Engine.Build;
using Quayside.Engine.ImageArchives;
using Quayside.Engine.Progress;

namespace Quayside.Engine.Tests.Transfer;

public class TransferUnitTests
{
    [Fact]
    public void Cli_lines_for_build_commit_save_load_export_import_and_cp()
    {
        Assert.Equal("docker build --force-rm -t a:1 -t a:latest --target final --platform linux/arm64 --no-cache --pull - < context.tar",
            DockerCli.Build(new BuildOptions { Tags = ["a:1", "a:latest"], Target = "final", Platform = "linux/arm64", NoCache = true, Pull = true, Context = BuildContextKind.Tar }));
        Assert.Equal("docker build --force-rm -t a -f docker/x.Dockerfile .", DockerCli.Build(new BuildOptions { Tags = ["a"], Dockerfile = "docker/x.Dockerfile" }));
        Assert.Equal("docker commit --pause=false web", DockerCli.Commit(new CommitOptions("web", null, null, null, [], Pause: false)));
        Assert.Equal("docker save -o images.tar a:1 b:2", DockerCli.Save(["a:1", "b:2"], "images.tar"));
        Assert.Equal("docker load -i images.tar", DockerCli.Load());
        Assert.Equal("docker export -o web.tar web", DockerCli.Export("web", "web.tar"));
        Assert.Equal("docker import filesystem.tar", DockerCli.Import(new ImportOptions(null, [])));
        Assert.Equal("docker cp 'web:/my dir' - > 'my dir.tar'", DockerCli.DownloadFolder("web", "/my dir", "my dir.tar"));
        Assert.Equal("docker cp web:/etc/hosts hosts", DockerCli.DownloadFile("web", "/etc/hosts", "hosts"));
        Assert.Equal("mkdir -p new && docker cp new web:/srv/", DockerCli.MakeFolder("web", "new", "/srv"));
        Assert.Equal("docker cp web:/. - | tar -tv", DockerCli.ListFiles("web", "/"));
    }

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

    [Fact]
    public void The_archive_apis_missing_path_becomes_no_such_file_or_folder()
    {
        var problem = EngineErrorTranslator.FromEngine(HttpStatusCode.NotFound, "Could not find the file /nope in container web");
        Assert.Equal("No such file or folder: /nope.", problem.Message);
    }

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
