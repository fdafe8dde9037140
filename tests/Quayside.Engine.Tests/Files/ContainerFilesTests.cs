using System.Formats.Tar;
using Quayside.Engine.Files;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Files;

public sealed class ContainerFilesTests(ImageLabFixture lab) : IClassFixture<ImageLabFixture>
{
    private ContainerFiles Files => new(lab.Model);

    private async Task<string> RunningAsync()
    {
        var name = lab.NewContainer("files");
        await LabContainers.RunSleeperAsync(name);
        await DockerCommand.OkAsync("exec", name, "mkdir", "-p", "/tmp", "/srv");
        Assert.True(await EngineWait.UntilAsync(() => lab.Model.FindContainer(name)?.State == "running", TimeSpan.FromSeconds(5)));
        return name;
    }

    /// <summary>A FROM scratch image with one static file and no shell; the container is created, never started.</summary>
    private async Task<string> ShellLessAsync()
    {
        var image = await lab.BuildOkAsync("scratch", "FROM scratch\nCOPY hello.txt /data/hello.txt\nCMD [\"/no-such-program\"]\n", ("hello.txt", "hello from scratch\n"));
        var name = lab.NewContainer("noshell");
        await DockerCommand.OkAsync("create", "--name", name, "--label", "quayside.test=1", image);
        Assert.True(await EngineWait.UntilAsync(() => lab.Model.FindContainer(name) is not null, TimeSpan.FromSeconds(5)));
        return name;
    }

    [Fact]
    public async Task An_uploaded_file_is_read_back_by_docker_exec_cat()
    {
        var name = await RunningAsync();
        using var content = new MemoryStream("uploaded through the archive API\n"u8.ToArray());

        var outcome = await Files.UploadAsync(name, "/tmp", "note.txt", new ForwardOnlyStream(content), content.Length);

        Assert.True(outcome.Ok, outcome.Summary);
        Assert.Equal($"docker cp note.txt {name}:/tmp/", outcome.Cli);
        Assert.Equal("uploaded through the archive API", await DockerCommand.OkAsync("exec", name, "cat", "/tmp/note.txt"));
    }

    [Fact]
    public async Task A_downloaded_folder_tar_lists_what_docker_exec_ls_lists()
    {
        var name = await RunningAsync();
        await DockerCommand.OkAsync("exec", name, "sh", "-c", "mkdir -p /srv/d/sub && echo a > /srv/d/a && echo b > /srv/d/sub/b && ln -s /etc /srv/d/link");

        await using var download = await Files.OpenDownloadAsync(name, "/srv/d");
        Assert.Equal("d.tar", download.FileName);
        var children = new SortedSet<string>(StringComparer.Ordinal);
        await using (var reader = new TarReader(download.Content, leaveOpen: true))
            while (await reader.GetNextEntryAsync() is { } entry)
                if (entry.Name.TrimEnd('/').Split('/') is [_, var child])
                    children.Add(child);

        var ls = (await DockerCommand.OkAsync("exec", name, "ls", "-A", "/srv/d")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ls.Order(StringComparer.Ordinal), children);

        var listing = await Files.ListAsync(name, "/srv/d/");
        Assert.True(listing.Ok, listing.Problem);
        Assert.Equal(["sub", "a", "link"], listing.Entries.Select(e => e.Name));
        Assert.Equal("/etc", listing.Entries.Single(e => e.Name == "link").LinkTarget);
        Assert.Equal("drwxr-xr-x", listing.Entries.Single(e => e.Name == "sub").ModeText);
        Assert.Equal(2, listing.Entries.Single(e => e.Name == "a").Size);
        Assert.Equal("0:0", listing.Entries.Single(e => e.Name == "a").Owner.Split(' ')[^1].Trim('(', ')'));
    }

    [Fact]
    public async Task The_browser_works_on_a_from_scratch_container_without_a_shell_that_never_ran()
    {
        var name = await ShellLessAsync();

        var root = await Files.ListAsync(name, "/");
        Assert.True(root.Ok, root.Problem);
        Assert.Contains(root.Entries, e => e.Name == "data" && e.IsDirectory);
        Assert.DoesNotContain(root.Entries, e => e.Name == "bin");

        var text = await Files.ReadTextAsync(name, "/data/hello.txt");
        Assert.Equal("hello from scratch\n", text.Text);

        Assert.True((await Files.CreateFolderAsync(name, "/data", "made")).Ok);
        using var content = new MemoryStream("x"u8.ToArray());
        Assert.True((await Files.UploadAsync(name, "/data/made", "x.txt", content, 1)).Ok);
        Assert.Equal(["x.txt"], (await Files.ListAsync(name, "/data/made")).Entries.Select(e => e.Name));

        var delete = await Files.DeleteAsync(name, "/data/hello.txt");
        Assert.False(delete.Ok);
        Assert.Contains("Deleting needs the container running", delete.Summary);
    }

    [Fact]
    public async Task Path_errors_are_told_in_words_and_a_missing_path_is_not_a_missing_container()
    {
        var name = await RunningAsync();

        var missing = await Files.ListAsync(name, "/no/such/place");
        Assert.Equal("No such file or folder: /no/such/place.", missing.Problem);
        Assert.Equal("No such file or folder: /nope.", (await Files.ReadTextAsync(name, "/nope")).Problem);
        var ex = await Assert.ThrowsAsync<FileProblemException>(() => Files.OpenDownloadAsync(name, "/nope"));
        Assert.Equal("No such file or folder: /nope.", ex.Message);

        Assert.StartsWith("There is no container 'qt-no-such-container'", (await Files.ListAsync("qt-no-such-container", "/")).Problem);
        Assert.StartsWith("'etc' is not an absolute path", (await Files.ListAsync(name, "etc")).Problem);
        Assert.StartsWith("'/etc/../root' contains '..'", (await Files.ListAsync(name, "/etc/../root")).Problem);
        Assert.Equal("/etc/hostname is a file, not a folder.", (await Files.ListAsync(name, "/etc/hostname")).Problem);
        Assert.Contains("is not a valid name", (await Files.CreateFolderAsync(name, "/tmp", "a/b")).Summary);
    }

    [Fact]
    public async Task A_text_file_is_edited_and_saved_back_keeping_its_mode_and_owner()
    {
        var name = await RunningAsync();
        await DockerCommand.OkAsync("exec", name, "sh", "-c", "echo old > /srv/conf && chmod 640 /srv/conf && chown 123:45 /srv/conf");

        var file = await Files.ReadTextAsync(name, "/srv/conf");
        Assert.Equal("old\n", file.Text);
        var saved = await Files.SaveTextAsync(name, "/srv/conf", "new text\nline two\n");

        Assert.True(saved.Ok, saved.Summary);
        Assert.Equal("new text\nline two", await DockerCommand.OkAsync("exec", name, "cat", "/srv/conf"));
        Assert.Equal("640 123:45", await DockerCommand.OkAsync("exec", name, "stat", "-c", "%a %u:%g", "/srv/conf"));
    }

    [Fact]
    public async Task Binary_and_large_files_are_not_opened_as_text()
    {
        var name = await RunningAsync();
        await DockerCommand.OkAsync("exec", name, "sh", "-c", "dd if=/dev/zero of=/srv/big bs=1024 count=1100 2>/dev/null; printf 'a\\000b' > /srv/bin");
        Assert.Contains("shown here: download it instead", (await Files.ReadTextAsync(name, "/srv/big")).Problem);
        Assert.Contains("not a text file", (await Files.ReadTextAsync(name, "/srv/bin")).Problem);
    }

    [Fact]
    public async Task Delete_in_a_running_container_with_a_shell_removes_the_folder()
    {
        var name = await RunningAsync();
        await DockerCommand.OkAsync("exec", name, "sh", "-c", "mkdir -p '/srv/a b/c' && touch '/srv/a b/c/f'");

        var outcome = await Files.DeleteAsync(name, "/srv/a b");

        Assert.True(outcome.Ok, outcome.Summary);
        Assert.Equal($"docker exec {name} rm -rf -- '/srv/a b'", outcome.Cli);
        Assert.NotEqual(0, (await DockerCommand.RunAsync("exec", name, "test", "-e", "/srv/a b")).ExitCode);
        Assert.Equal("No such file or folder: /srv/gone.", (await Files.DeleteAsync(name, "/srv/gone")).Summary);
    }

    [Fact]
    public async Task Delete_runs_the_line_its_plan_showed_and_the_root_folder_is_refused_once()
    {
        var name = await RunningAsync();
        await DockerCommand.OkAsync("exec", name, "touch", "/srv/gone");
        await PlanAssert.RefusedOnceAsync(Files.PlanDelete(name, "/"), "The root folder cannot be deleted.");
        await PlanAssert.RunsAsShownAsync(Files.PlanDelete(name, "/srv/gone"), Quayside.Engine.Cli.DockerCli.DeleteFile(name, "/srv/gone"));
        Assert.NotEqual(0, (await DockerCommand.RunAsync("exec", name, "test", "-e", "/srv/gone")).ExitCode);
    }
}
