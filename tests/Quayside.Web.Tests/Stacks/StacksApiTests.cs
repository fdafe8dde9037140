using Quayside.Engine.Stacks;
using Quayside.Web.Stacks;

namespace Quayside.Web.Tests.Stacks;

/// <summary>The stacks API on the real engine with the real docker-compose 1.29: create, list, history, refusals, secrets, another host, run lines.</summary>
public class StacksApiTests : LoggedInTest
{
    // The health gate on, with a short settle: a sleeper has no health check, so it only has to stay running.
    private static object Create(string name, string compose, string env = "") => new { name, compose, env, settleSeconds = 1 };

    private string StacksFolder(string host = "local") => Path.Combine(App.DataDirectory, "stacks", host);

    private async Task<JsonElement> PostOkAsync(string path, object body)
    {
        var response = await Client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        var json = JsonDocument.Parse(text).RootElement;
        Assert.True(json.GetProperty("ok").GetBoolean(), text);
        return json;
    }

    private async Task<JsonElement?> RowAsync(string list, string name) =>
        (await GetJsonAsync(list)).GetProperty("items").EnumerateArray().Where(s => s.GetProperty("name").GetString() == name).Cast<JsonElement?>().FirstOrDefault();

    [Fact]
    public async Task A_stack_created_through_the_api_runs_is_listed_with_its_cli_lines_and_its_first_version_names_who_applied_it()
    {
        var name = LabStacks.UniqueName("api");
        try
        {
            var outcome = await PostOkAsync("/api/stacks", Create(name, LabStacks.OneSleeper()));
            Assert.Equal($"docker-compose -p {name} --project-directory {StacksFolder()}/{name} up -d --remove-orphans", outcome.GetProperty("cli").GetString());
            Assert.Equal("running", await DockerCommand.InspectAsync($"{name}_app_1", "{{.State.Status}}"));

            JsonElement? row = null;
            Assert.True(await EngineWait.UntilAsync(async () => (row = await RowAsync("/api/stacks", name)) is { } r
                && r.GetProperty("running").GetInt32() == 1 && r.GetProperty("total").GetInt32() == 1, TimeSpan.FromSeconds(10)),
                $"the list never showed {name} with 1 of 1 running: {row}");
            Assert.Equal(StacksFeature.ListCliV1, (await GetJsonAsync("/api/stacks")).GetProperty("cli").GetString());
            Assert.Equal("docker ps -a --filter label=com.docker.compose.project", StacksFeature.ListCliV1);
            Assert.Equal("app", Assert.Single(row!.Value.GetProperty("services").EnumerateArray()).GetProperty("name").GetString());

            var history = await GetJsonAsync($"/api/stacks/{name}/history");
            var version = Assert.Single(history.EnumerateArray());
            Assert.Equal(1, version.GetProperty("number").GetInt32());
            Assert.Equal("admin", version.GetProperty("by").GetString());
            Assert.True(version.GetProperty("ok").GetBoolean(), version.ToString());
        }
        finally
        {
            await LabStacks.RemoveAsync(name);
        }
    }

    [Fact]
    public async Task Without_a_session_the_list_is_401_and_without_the_antiforgery_header_nothing_is_created()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateBrowserlikeClient().GetAsync("/api/stacks")).StatusCode);

        var client = App.CreateBrowserlikeClient();
        await QuaysideFactory.PostLoginAsync(client, "admin", QuaysideFactory.Password);
        var name = LabStacks.UniqueName("xsrf");
        try
        {
            var response = await client.PostAsJsonAsync("/api/stacks", Create(name, LabStacks.OneSleeper()));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.False(Directory.Exists(Path.Combine(StacksFolder(), name)));
            Assert.Equal("", await DockerCommand.OkAsync("ps", "-aq", "--filter", $"label={ComposeLabels.Project}={name}"));
        }
        finally
        {
            await LabStacks.RemoveAsync(name);
        }
    }

    [Fact]
    public async Task A_name_or_a_file_path_that_would_leave_the_stacks_folder_is_refused_in_words_and_nothing_is_written()
    {
        var escape = await Client.PostAsJsonAsync("/api/stacks", Create("../../x", LabStacks.OneSleeper()));
        Assert.Equal(HttpStatusCode.BadRequest, escape.StatusCode);
        Assert.Equal($"'../../x' is not a stack name: use {StackNames.Accepted}.", (await escape.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.False(Directory.Exists(Path.Combine(App.DataDirectory, "x")));
        Assert.False(Directory.Exists(Path.Combine(App.DataDirectory, "stacks", "x")));
        Assert.False(Directory.Exists(StacksFolder()) && Directory.EnumerateFileSystemEntries(StacksFolder()).Any());

        var name = LabStacks.UniqueName("escape");
        try
        {
            await PostOkAsync("/api/stacks", Create(name, LabStacks.OneSleeper()));
            var evil = $"{StacksFolder()}/{name}/../../../evil.yaml";
            var apply = await Client.PostAsJsonAsync($"/api/stacks/{name}/apply", new { files = new Dictionary<string, string> { [evil] = "x" } });
            Assert.Equal(HttpStatusCode.BadRequest, apply.StatusCode);
            Assert.StartsWith($"'{evil}' is not a file of this stack", (await apply.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
            Assert.False(File.Exists(Path.GetFullPath(evil)));
            Assert.False(File.Exists(Path.Combine(App.DataDirectory, "evil.yaml")));
            Assert.Single((await GetJsonAsync($"/api/stacks/{name}/history")).EnumerateArray());
        }
        finally
        {
            await LabStacks.RemoveAsync(name);
        }
    }

    [Fact]
    public async Task A_secret_from_the_env_file_reaches_the_container_and_nothing_else_not_the_answers_the_history_on_disk_or_the_apps_log()
    {
        var name = LabStacks.UniqueName("secret");
        var first = "s1-" + Guid.NewGuid().ToString("N");
        var second = "s2-" + Guid.NewGuid().ToString("N");
        AppLogAudit.RecordSecret("stack .env value", first);
        AppLogAudit.RecordSecret("stack .env value", second);
        var compose = LabStacks.OneSleeper("    environment: {PASSWORD: \"${PASSWORD}\"}");
        var started = DateTime.UtcNow.AddSeconds(-1);
        try
        {
            var answers = new List<string>();
            var created = await Client.PostAsJsonAsync("/api/stacks", Create(name, compose, $"PASSWORD={first}\n"));
            answers.Add(await created.Content.ReadAsStringAsync());
            Assert.True(created.IsSuccessStatusCode, answers[^1]);
            Assert.Equal(first, await DockerCommand.OkAsync("exec", $"{name}_app_1", "sh", "-c", "echo $PASSWORD"));

            var folder = Path.Combine(StacksFolder(), name);
            var applied = await Client.PostAsJsonAsync($"/api/stacks/{name}/apply",
                new { files = new Dictionary<string, string> { [Path.Combine(folder, ".env")] = $"PASSWORD={second}\n" }, settleSeconds = 1 });
            answers.Add(await applied.Content.ReadAsStringAsync());
            Assert.True(applied.IsSuccessStatusCode, answers[^1]);
            Assert.True(JsonDocument.Parse(answers[^1]).RootElement.GetProperty("ok").GetBoolean(), answers[^1]);
            // compose recreated the container for the new value: the secret did get where it belongs.
            Assert.Equal(second, await DockerCommand.OkAsync("exec", $"{name}_app_1", "sh", "-c", "echo $PASSWORD"));

            // A version that prints the secret and fails its health gate: its last lines come back to the user, masked, and the previous version is put back.
            var printing = compose.Replace("[\"sleep\", \"100000\"]", "[\"sh\", \"-c\", \"echo started with $$PASSWORD; exit 3\"]");
            var failed = await Client.PostAsJsonAsync($"/api/stacks/{name}/apply",
                new { files = new Dictionary<string, string> { [Path.Combine(folder, "compose.yaml")] = printing }, settleSeconds = 1 });
            answers.Add(await failed.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.Conflict, failed.StatusCode);
            var failure = JsonDocument.Parse(answers[^1]).RootElement;
            Assert.True(failure.GetProperty("rolledBack").GetBoolean(), answers[^1]);
            Assert.StartsWith("Service app failed", failure.GetProperty("message").GetString());
            Assert.Contains($"started with {SecretMask.Mask}", failure.GetProperty("failure").GetProperty("lastLogLines").EnumerateArray().Select(l => l.GetString()));
            Assert.Equal(second, await DockerCommand.OkAsync("exec", $"{name}_app_1", "sh", "-c", "echo $PASSWORD"));

            answers.Add(await Client.GetStringAsync($"/api/stacks/{name}/history"));
            answers.Add(await Client.GetStringAsync($"/api/stacks/{name}/config"));
            Assert.Contains($"PASSWORD: {SecretMask.Mask}", answers[^1]);
            Assert.Contains($"-PASSWORD={SecretMask.Mask}", answers[1]);
            foreach (var answer in answers)
            {
                Assert.DoesNotContain(first, answer);
                Assert.DoesNotContain(second, answer);
            }

            var kept = Directory.GetFiles(Path.Combine(StacksFolder(), ".history", name));
            Assert.Equal(4, kept.Length);
            foreach (var file in kept)
            {
                var text = await File.ReadAllTextAsync(file);
                Assert.DoesNotContain(first, text);
                Assert.DoesNotContain(second, text);
                // The files are kept encrypted: not even the compose file's ${PASSWORD} shows through.
                Assert.All(JsonDocument.Parse(text).RootElement.GetProperty("files").EnumerateArray(),
                    f => Assert.DoesNotContain("PASSWORD", f.GetProperty("protected").GetString()));
            }

            // This app's log is the captured file that speaks of the stack; no log written during the test holds a secret.
            var logs = AppLogAudit.Logs("web").Where(f => File.GetLastWriteTimeUtc(f) >= started).Select(ReadShared).ToList();
            Assert.Contains(logs, l => l.Contains($"-p {name} ", StringComparison.Ordinal) && l.Contains("Stack on local", StringComparison.Ordinal));
            Assert.DoesNotContain(logs, l => l.Contains(first, StringComparison.Ordinal) || l.Contains(second, StringComparison.Ordinal));
        }
        finally
        {
            await LabStacks.RemoveAsync(name);
        }
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }

    [Fact]
    public async Task A_stack_on_another_host_runs_on_that_engine_only_and_its_line_names_the_host()
    {
        await LabEngines.EnsureAsync();
        var added = await Client.PostAsJsonAsync("/api/hosts", new
        {
            name = "lab-tls",
            address = LabEngines.TlsAddress,
            caPem = await File.ReadAllTextAsync(LabEngines.TlsFile("ca.pem")),
            certPem = await File.ReadAllTextAsync(LabEngines.TlsFile("client-cert.pem")),
            keyPem = await File.ReadAllTextAsync(LabEngines.TlsFile("client-key.pem")),
        });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.True(await EngineWait.UntilAsync(async () => (await GetJsonAsync("/api/hosts")).EnumerateArray()
            .Any(h => h.GetProperty("name").GetString() == "lab-tls" && h.GetProperty("state").GetString() == "connected"), TimeSpan.FromSeconds(30)),
            "the TLS host did not connect");
        var name = LabStacks.UniqueName("remote");
        var filter = $"label={ComposeLabels.Project}={name}";
        try
        {
            var outcome = await PostOkAsync("/api/hosts/lab-tls/stacks", Create(name, LabStacks.OneSleeper()));
            Assert.Equal($"docker-compose -H {LabEngines.TlsAddress} --tlsverify --tlscacert ca.pem --tlscert cert.pem --tlskey key.pem "
                + $"-p {name} --project-directory {StacksFolder("lab-tls")}/{name} up -d --remove-orphans", outcome.GetProperty("cli").GetString());

            var tls = $"-H {LabEngines.TlsAddress} --tlsverify --tlscacert {LabEngines.TlsFile("ca.pem")} --tlscert {LabEngines.TlsFile("client-cert.pem")} --tlskey {LabEngines.TlsFile("client-key.pem")}";
            var remote = await DockerCommand.RunLineAsync($"docker {tls} ps --filter {filter} --format '{{{{.Names}}}} {{{{.State}}}}'");
            Assert.True(remote.ExitCode == 0, remote.Stderr);
            Assert.Equal($"{name}_app_1 running", remote.Stdout.Trim());
            Assert.Equal("", await DockerCommand.OkAsync("ps", "-aq", "--filter", filter));

            JsonElement? row = null;
            Assert.True(await EngineWait.UntilAsync(async () => (row = await RowAsync("/api/hosts/lab-tls/stacks", name)) is { } r
                && r.GetProperty("running").GetInt32() == 1, TimeSpan.FromSeconds(10)), $"the host's list never showed {name} running: {row}");
            Assert.Null(await RowAsync("/api/stacks", name));
        }
        finally
        {
            await DockerCommand.RunAsync("exec", LabEngines.TlsContainer, "sh", "-c",
                $"docker rm -f -v $(docker ps -aq --filter {filter}); docker network rm $(docker network ls -q --filter {filter})");
        }
    }

    [Fact]
    public async Task A_docker_run_line_becomes_a_compose_service_compose_accepts_and_a_bad_line_is_refused_in_words()
    {
        var converted = await Client.PostAsJsonAsync("/api/stacks/convert",
            new { line = "docker run -d --name web -p 127.0.0.1:8080:80 -e A=yes quayside-lab/busybox:latest httpd -f" });
        var body = await converted.Content.ReadAsStringAsync();
        Assert.True(converted.IsSuccessStatusCode, body);
        var compose = JsonDocument.Parse(body).RootElement.GetProperty("compose").GetString()!;
        Assert.Equal("""
            services:
              web:
                image: quayside-lab/busybox:latest
                container_name: web
                command: ["httpd", "-f"]
                environment:
                  A: "yes"
                ports:
                  - "127.0.0.1:8080:80"

            """, compose);
        var folder = Directory.CreateTempSubdirectory("qt-convert-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "compose.yaml"), compose);
            var check = await LabStacks.ComposeAsync(folder, "config", "-q");
            Assert.True(check.ExitCode == 0, check.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        var bad = await Client.PostAsJsonAsync("/api/stacks/convert", new { line = "docker run -d --name web -p 127.0.0.1:8080:80" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("No image is named: put the image after the options, e.g. docker run -d nginx:1.27.",
            (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("Line")[0].GetString());
    }
}
