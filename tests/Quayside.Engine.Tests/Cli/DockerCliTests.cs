using Quayside.Engine.Build;
using Quayside.Engine.Cli;
using Quayside.Engine.Containers;
using Quayside.Engine.ImageArchives;
using Quayside.Engine.Images;

namespace Quayside.Engine.Tests.Cli;

public class DockerCliTests
{
    [Fact]
    public void Ps_without_filters_lists_all_containers() =>
        Assert.Equal("docker ps -a", DockerCli.Ps(new ContainerFilter()));

    [Fact]
    public void Ps_carries_every_filter_in_the_engine_syntax()
    {
        var filter = new ContainerFilter { States = ["running", "paused"], Name = "^web", Image = "busybox", Labels = ["tier=front end", "team"] };
        Assert.Equal("docker ps -a --filter status=running --filter status=paused --filter 'name=^web' --filter ancestor=busybox --filter 'label=tier=front end' --filter label=team",
            DockerCli.Ps(filter));
    }

    [Fact]
    public void Ps_with_sizes_adds_the_size_flag() =>
        Assert.Equal("docker ps -a --size", DockerCli.Ps(new ContainerFilter(), withSize: true));

    [Fact]
    public void Lifecycle_lines_name_the_containers_and_options()
    {
        Assert.Equal("docker stop -t 10 web", DockerCli.Stop(["web"], 10));
        Assert.Equal("docker restart -t 0 a b", DockerCli.Restart(["a", "b"], 0));
        Assert.Equal("docker kill -s SIGHUP web", DockerCli.Kill(["web"], "SIGHUP"));
        Assert.Equal("docker rm -f -v web", DockerCli.Remove(["web"], force: true, volumes: true));
        Assert.Equal("docker rm web", DockerCli.Remove(["web"], force: false, volumes: false));
        Assert.Equal("docker rename old new", DockerCli.Rename("old", "new"));
        Assert.Equal("docker start a", DockerCli.Start(["a"]));
        Assert.Equal("docker pause a", DockerCli.Pause(["a"]));
        Assert.Equal("docker unpause a", DockerCli.Unpause(["a"]));
        Assert.Equal("docker container prune -f", DockerCli.ContainerPrune());
    }

    [Fact]
    public void Image_lines_match_the_cli()
    {
        Assert.Equal("docker images --digests", DockerCli.Images(new ImageFilter()));
        Assert.Equal("docker images --digests --filter dangling=true", DockerCli.Images(new ImageFilter { DanglingOnly = true }));
        Assert.Equal("docker rmi -f busybox:latest", DockerCli.RemoveImages(["busybox:latest"], force: true));
        Assert.Equal("docker tag busybox localhost:5000/lab/busybox:1.35", DockerCli.Tag("busybox", "localhost:5000/lab/busybox:1.35"));
        Assert.Equal("docker image prune -a -f", DockerCli.ImagePrune(allUnused: true));
        Assert.Equal("docker image prune -f", DockerCli.ImagePrune(allUnused: false));
    }

    [Fact]
    public void Prune_lines_carry_a_label_filter_when_one_is_given()
    {
        Assert.Equal("docker container prune -f --filter label=run=7", DockerCli.ContainerPrune("run=7"));
        Assert.Equal("docker image prune -a -f --filter 'label=team=a b'", DockerCli.ImagePrune(allUnused: true, label: "team=a b"));
        Assert.Equal("docker system prune -a --volumes -f --filter label=x=1", DockerCli.SystemPrune(true, true, "x=1"));
    }

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
}
