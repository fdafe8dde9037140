using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Quayside.E2E.Accessibility;
using Quayside.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quayside.E2E.Consoles;

public sealed class ConsoleTests(QuaysideApp app, ITestOutputHelper output) : BrowserTest(app, output)
{
    private const float Patience = 20_000;
    private readonly ITestOutputHelper _log = output;

    [Fact]
    public async Task Typing_echo_hello_shows_hello_and_the_cli_line_is_docker_exec()
    {
        var name = await RunSleeperAsync("con-echo");
        await OpenConsoleTabAsync(name);
        await Expect(Page.Locator("[data-testid=console-cli] .command")).ToHaveTextAsync($"docker exec -it {name} /bin/sh");

        await TypeAsync(Page, "echo hel''lo\n");
        await WaitForLineAsync(Page, "hello");

        var median = await EchoLatencyAsync(Page, 50);
        _log.WriteLine($"keystroke-to-echo on loopback (browser WebSocket -> Quayside -> engine exec -> back), median of 50: {median:F2} ms");
    }

    [Fact]
    public async Task Stty_size_follows_the_terminal_when_the_window_is_resized()
    {
        var name = await RunSleeperAsync("con-size");
        await OpenConsoleTabAsync(name);
        var (rows, cols) = await TerminalSizeAsync(Page);
        await TypeAsync(Page, "stty size\n");
        await WaitForLineAsync(Page, $"{rows} {cols}");

        await Page.SetViewportSizeAsync(900, 700);
        Assert.True(await EngineWait.UntilAsync(async () => await TerminalSizeAsync(Page) != (rows, cols), TimeSpan.FromSeconds(10)), "the terminal kept its size");
        var (newRows, newCols) = await TerminalSizeAsync(Page);
        Assert.True(newCols < cols, $"the terminal did not narrow: {cols} -> {newCols}");
        await TypeAsync(Page, "clear; stty size\n");
        await WaitForLineAsync(Page, $"{newRows} {newCols}");
    }

    [Fact]
    public async Task Utf8_round_trips_through_the_container()
    {
        var name = await RunSleeperAsync("con-utf8");
        await OpenConsoleTabAsync(name);
        // The shell counts the bytes it received and prints the text back: 19 bytes in UTF-8.
        await TypeAsync(Page, "t='Grüße ✓ 漢字'; echo \"[$t]\"; printf '%s' \"$t\" | wc -c\n");
        await WaitForLineAsync(Page, "[Grüße ✓ 漢字]");
        await WaitForLineAsync(Page, "18");
    }

    [Fact]
    public async Task Colours_show_in_colour_and_the_scrollback_keeps_10000_lines()
    {
        var name = await RunSleeperAsync("con-colour");
        await OpenConsoleTabAsync(name);
        await TypeAsync(Page, "echo $TERM; printf '\\033[31mR''ED\\033[0m\\n'\n");
        await WaitForLineAsync(Page, "xterm-256color");
        await WaitForLineAsync(Page, "RED");
        // The first cell of the line reading RED has the palette's red (1) as its foreground.
        var red = await Page.EvaluateAsync<bool>(
            "() => { const b = document.querySelector('[data-testid=terminal]').quaysideConsole.term.buffer.active;"
            + " for (let i = 0; i < b.length; i++) { const l = b.getLine(i); if (l.translateToString(true) === 'RED') { const c = l.getCell(0); return c.isFgPalette() && c.getFgColor() === 1; } } return false; }");
        Assert.True(red, "RED is not drawn in red");
        Assert.Equal(10_000, await Page.EvaluateAsync<int>("() => document.querySelector('[data-testid=terminal]').quaysideConsole.term.options.scrollback"));
    }

    [Fact]
    public async Task Clicking_the_console_tab_gives_a_live_shell_without_another_click()
    {
        var name = await RunSleeperAsync("con-click");
        await LoginAsync();
        await OpenContainersAsync(search: name);
        var menu = await OpenRowMenuAsync(Row(name));
        await menu.Locator("[data-testid=row-console]").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex($"/containers/[0-9a-f]{{64}}/console$"));
        await Expect(Page.Locator("[data-testid=console-status]")).ToContainTextAsync($"Connected: docker exec -it {name} /bin/sh", new() { Timeout = Patience });
        await TypeAsync(Page, "echo $((6*7))\n");
        await WaitForLineAsync(Page, "42");
        Assert.False(await OptionsOpenAsync(Page), "the options panel should start closed");

        // Away to another tab of the container and back by the Console tab: a new shell, again without a click.
        await Page.Locator("[data-testid=tab-inspect]").ClickAsync();
        await Expect(Page.Locator("[data-testid=terminal]")).ToHaveCountAsync(0);
        await Page.Locator("[data-testid=tab-console]").ClickAsync();
        await Expect(Page.Locator("[data-testid=console-status]")).ToContainTextAsync($"Connected: docker exec -it {name} /bin/sh", new() { Timeout = Patience });
        await TypeAsync(Page, "echo $((6*7))\n");
        await WaitForLineAsync(Page, "42");
    }

    [Fact]
    public async Task Changing_the_user_in_options_reconnects_as_that_user()
    {
        var name = await RunSleeperAsync("con-user");
        await OpenConsoleTabAsync(name);
        await TypeAsync(Page, "id -u\n");
        await WaitForLineAsync(Page, "0");

        await OpenOptionsAsync(Page);
        await Page.Locator("[data-testid=console-user]").FillAsync("1234");
        // Typing changes the CLI line, not the session: that waits for the button.
        await Expect(Page.Locator("[data-testid=console-cli] .command")).ToHaveTextAsync($"docker exec -it -u 1234 {name} /bin/sh");
        await Expect(Page.Locator("[data-testid=console-cli] .note")).ToContainTextAsync("not applied yet");
        await Expect(Page.Locator("[data-testid=console-status]")).ToContainTextAsync($"Connected: docker exec -it {name} /bin/sh");

        await Page.Locator("[data-testid=console-apply]").ClickAsync();
        await Expect(Page.Locator("[data-testid=console-status]")).ToContainTextAsync($"Connected: docker exec -it -u 1234 {name} /bin/sh", new() { Timeout = Patience });
        await Expect(Page.Locator("[data-testid=console-cli] .note")).ToHaveCountAsync(0);
        await TypeAsync(Page, "id -u\n");
        await WaitForLineAsync(Page, "1234");
        // The first shell (as root) ended when the new one started.
        Assert.True(await EngineWait.UntilAsync(async () => Regex.Matches(await ConsoleLab.TopAsync(name), "/bin/sh").Count == 1, TimeSpan.FromSeconds(10)),
            "the replaced shell still runs:\n" + await ConsoleLab.TopAsync(name));
    }

    [Fact]
    public async Task Remembered_choices_are_used_on_the_next_visit()
    {
        var name = await RunSleeperAsync("con-remember");
        await OpenConsoleTabAsync(name);
        await OpenOptionsAsync(Page);
        await Page.Locator("[data-testid=console-user]").FillAsync("1234");
        await Page.Locator("[data-testid=console-workdir]").FillAsync("/etc");
        await Page.Locator("[data-testid=console-env]").FillAsync("GREETING=ahoy");
        var line = $"docker exec -it -u 1234 -w /etc -e GREETING=ahoy {name} /bin/sh";
        await Expect(Page.Locator("[data-testid=console-cli] .command")).ToHaveTextAsync(line);
        await Page.Locator("[data-testid=console-apply]").ClickAsync();
        await Expect(Page.Locator("[data-testid=console-status]")).ToContainTextAsync($"Connected: {line}", new() { Timeout = Patience });

        // Next visit: straight to the console, connected with those choices, the options closed but holding them.
        await Page.GotoAsync($"/containers/{name}");
        await Page.GotoAsync($"/containers/{name}/console");
        await Expect(Page.Locator("[data-testid=console-status]")).ToContainTextAsync($"Connected: {line}", new() { Timeout = Patience });
        await Expect(Page.Locator("[data-testid=console-cli] .command")).ToHaveTextAsync(line);
        await TypeAsync(Page, "echo \"<$(id -u) $(pwd) $GREETING>\"\n");
        await WaitForLineAsync(Page, "<1234 /etc ahoy>");
        Assert.False(await OptionsOpenAsync(Page), "the options panel should start closed");
        await OpenOptionsAsync(Page);
        await Expect(Page.Locator("[data-testid=console-user]")).ToHaveValueAsync("1234");
        await Expect(Page.Locator("[data-testid=console-workdir]")).ToHaveValueAsync("/etc");
        await Expect(Page.Locator("[data-testid=console-env]")).ToHaveValueAsync("GREETING=ahoy");
    }

    [Fact]
    public async Task A_bad_field_is_refused_with_what_is_accepted_and_the_shell_keeps_running()
    {
        var name = await RunSleeperAsync("con-bad");
        await OpenConsoleTabAsync(name);
        await OpenOptionsAsync(Page);
        await Page.Locator("[data-testid=console-workdir]").FillAsync("srv");
        await Page.Locator("[data-testid=console-apply]").ClickAsync();
        await Expect(Page.Locator("[data-testid=console-problem]")).ToHaveTextAsync("Working dir: \"srv\" is not an absolute path. Accepted: a path starting with /, e.g. /srv.");
        await Expect(Page.Locator("[data-testid=console-status]")).ToContainTextAsync($"Connected: docker exec -it {name} /bin/sh");
        await TypeAsync(Page, "echo still''here\n");
        await WaitForLineAsync(Page, "stillhere");
    }

    [Fact]
    public async Task Remembered_choices_that_are_no_longer_accepted_open_the_options_with_the_error_and_start_nothing()
    {
        var name = await RunSleeperAsync("con-stale");
        var id = await DockerCommand.InspectAsync(name, "{{.Id}}");
        await LoginAsync(Page, "/containers");
        await Page.EvaluateAsync("id => localStorage.setItem('quayside.console.' + id, JSON.stringify({ attach: false, command: '', user: '', workingDir: 'srv', env: '' }))", id);

        await Page.GotoAsync($"/containers/{name}/console");
        await Expect(Page.Locator("[data-testid=console-status]")).ToContainTextAsync("Not connected: the options remembered for this container have a problem.", new() { Timeout = Patience });
        await Expect(Page.Locator("[data-testid=console-problem]")).ToHaveTextAsync("Working dir: \"srv\" is not an absolute path. Accepted: a path starting with /, e.g. /srv.");
        Assert.True(await OptionsOpenAsync(Page), "the options panel should open to show the problem");
        await Expect(Page.Locator("[data-testid=console-problem]")).ToBeVisibleAsync();

        await Page.GotoAsync($"/console/{name}");
        await Expect(Page.Locator("[data-testid=console-status]")).ToContainTextAsync("Working dir: \"srv\" is not an absolute path.", new() { Timeout = Patience });
        Assert.DoesNotContain("/bin/sh", await ConsoleLab.TopAsync(name));
    }

    [Fact]
    public async Task A_stopped_container_says_so_instead_of_a_terminal_and_starting_it_there_opens_the_shell()
    {
        var name = await RunSleeperAsync("con-stopped");
        await DockerCommand.OkAsync("stop", name);
        await LoginAsync(Page, $"/containers/{name}/console");
        await WaitForInteractiveAsync(Page, "[data-testid=console-start]");
        await Expect(Page.Locator("[data-testid=console-not-running]")).ToContainTextAsync($"{name} is exited");
        await Expect(Page.Locator("[data-testid=console-not-running]")).ToContainTextAsync("a console needs a running container.");
        await Expect(Page.Locator("[data-testid=console-start-cli] .command")).ToHaveTextAsync($"docker start {name}");
        Assert.Equal(0, await Page.Locator("[data-testid=terminal]").CountAsync());

        await Page.Locator("[data-testid=console-start]").ClickAsync();
        await Expect(Page.Locator("[data-testid=console-status]")).ToContainTextAsync($"Connected: docker exec -it {name} /bin/sh", new() { Timeout = Patience });
        Assert.Equal("running", await StatusOfAsync(name));
        await TypeAsync(Page, "echo up''again\n");
        await WaitForLineAsync(Page, "upagain");
    }

    [Theory]
    [InlineData(PageAudit.Layout.Light)]
    [InlineData(PageAudit.Layout.Dark)]
    [InlineData(PageAudit.Layout.Phone)]
    public async Task The_open_options_and_a_stopped_containers_console_pass_axe_and_fit_a_phone(PageAudit.Layout layout)
    {
        var name = await RunSleeperAsync("con-a11y");
        var stopped = NewName("con-a11y-stopped");
        await LabContainers.CreateAsync(stopped);
        var context = await PageAudit.NewContextAsync(App.Browser, layout, App.BaseUrl);
        var page = await NewPageAsync(context);
        await LoginAsync(page, $"/containers/{name}/console");
        await Expect(page.Locator("[data-testid=console-status]")).ToContainTextAsync("Connected", new() { Timeout = Patience });
        await OpenOptionsAsync(page);
        await page.Locator("[data-testid=console-workdir]").FillAsync("srv");
        await page.Locator("[data-testid=console-apply]").ClickAsync();
        await Expect(page.Locator("[data-testid=console-problem]")).ToBeVisibleAsync();
        var problems = (await PageAudit.ProblemsAsync(page, layout, "options with an error")).ToList();

        await page.GotoAsync($"/containers/{stopped}/console");
        await Expect(page.Locator("[data-testid=console-start]")).ToBeVisibleAsync(new() { Timeout = Patience });
        problems.AddRange(await PageAudit.ProblemsAsync(page, layout, "stopped container"));
        await context.CloseAsync();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Exiting_the_shell_shows_the_exit_code_and_reconnect_starts_a_new_one()
    {
        var name = await RunSleeperAsync("con-exit");
        await OpenConsoleTabAsync(name);
        await TypeAsync(Page, "exit 7\n");
        await Expect(Page.Locator("[data-testid=console-status]")).ToContainTextAsync("/bin/sh exited with code 7.", new() { Timeout = Patience });
        await WaitForLineAsync(Page, "/bin/sh exited with code 7.");

        await Page.Locator("[data-testid=console-reconnect]").ClickAsync();
        await Expect(Page.Locator("[data-testid=console-status]")).ToContainTextAsync("Connected", new() { Timeout = Patience });
        await TypeAsync(Page, "echo again''ok\n");
        await WaitForLineAsync(Page, "againok");
    }

    [Fact]
    public async Task New_tab_from_the_list_holds_the_terminal_titled_with_the_name_and_closing_it_ends_the_shell()
    {
        var name = await RunSleeperAsync("con-tab");
        await LoginAsync();
        await OpenContainersAsync(search: name);
        await Expect(Row(name).Locator("[data-testid=row-console]")).ToHaveAttributeAsync("href", new Regex("^/containers/[0-9a-f]{64}/console$"));
        await OpenRowMenuAsync(Row(name));
        var popup = await Page.RunAndWaitForPopupAsync(() => Row(name).Locator("[data-testid=row-console-tab]").ClickAsync());
        await Expect(popup).ToHaveTitleAsync(new Regex(Regex.Escape(name)), new() { Timeout = Patience });
        await Expect(popup.Locator("[data-testid=console-status]")).ToContainTextAsync("Connected", new() { Timeout = Patience });
        Assert.Equal(0, await popup.Locator("[data-testid=console-form]").CountAsync());

        await TypeAsync(popup, "sleep 4343\n");
        Assert.True(await EngineWait.UntilAsync(async () => (await ConsoleLab.TopAsync(name)).Contains("sleep 4343"), TimeSpan.FromSeconds(10)),
            "the shell's sleep never showed in docker top");
        await popup.CloseAsync();
        Assert.True(await EngineWait.UntilAsync(async () => !(await ConsoleLab.TopAsync(name)).Contains("sleep 4343"), TimeSpan.FromSeconds(10)),
            "docker top still lists the console's processes after the tab closed:\n" + await ConsoleLab.TopAsync(name));
        Assert.DoesNotContain("/bin/sh", await ConsoleLab.TopAsync(name));
    }

    [Theory]
    [InlineData(ConsoleLab.NoShellImage, "amd64")]
    [InlineData(ConsoleLab.NoShellArm64Image, "arm64")]
    public async Task A_container_without_a_shell_offers_to_copy_one_and_then_the_console_works(string image, string arch)
    {
        var name = NewName("con-noshell");
        await ConsoleLab.RunNoShellAsync(name, image);
        await OpenConsoleTabAsync(name, connected: false);
        await Expect(Page.Locator("[data-testid=console-status]")).ToContainTextAsync("This container has no shell", new() { Timeout = Patience });

        await Page.Locator("[data-testid=console-copy-shell]").ClickAsync();
        var dialog = Page.Locator("[data-testid=confirm-dialog]");
        await Expect(dialog).ToContainTextAsync("This changes the container's filesystem");
        await Expect(dialog.Locator("[data-testid=confirm-items]")).ToContainTextAsync($"/.quayside/busybox (Debian's static busybox for {arch})");
        Assert.Empty(await DockerCommand.OkAsync("diff", name)); // nothing changed before the confirmation
        await dialog.Locator("[data-testid=confirm-button]").ClickAsync();

        await Expect(Page.Locator("[data-testid=console-status]")).ToContainTextAsync("Connected", new() { Timeout = Patience });
        await TypeAsync(Page, "echo hel''lo; ls /\n");
        await WaitForLineAsync(Page, "hello");
        var diff = await DockerCommand.OkAsync("diff", name);
        Assert.Contains("A /.quayside/busybox", diff);
        Assert.Contains("A /.quayside/sh", diff);
    }

    [Fact]
    public async Task Attach_reaches_the_main_shell_and_ctrl_p_ctrl_q_detaches()
    {
        var name = NewName("con-attach");
        await ConsoleLab.RunInteractiveShellAsync(name);
        await OpenConsoleTabAsync(name);
        await OpenOptionsAsync(Page);
        await Page.Locator("[data-testid=mode-attach]").CheckAsync();
        await Expect(Page.Locator("[data-testid=console-cli] .command")).ToHaveTextAsync($"docker attach --detach-keys ctrl-p,ctrl-q {name}");
        await Page.Locator("[data-testid=console-apply]").ClickAsync();
        await Expect(Page.Locator("[data-testid=console-status]")).ToContainTextAsync("Connected: docker attach", new() { Timeout = Patience });
        await TypeAsync(Page, "echo main''shell\n");
        await WaitForLineAsync(Page, "mainshell");
        await Page.Keyboard.PressAsync("Control+P");
        await Page.Keyboard.PressAsync("Control+Q");
        await Expect(Page.Locator("[data-testid=console-status]")).ToContainTextAsync("Detached", new() { Timeout = Patience });
        Assert.Equal("running", await StatusOfAsync(name));
    }

    // ---- helpers ----

    /// <summary>Opens the container's Console tab, which connects by itself; waits for the shell unless told otherwise.</summary>
    private async Task OpenConsoleTabAsync(string name, bool connected = true)
    {
        await LoginAsync(Page, $"/containers/{name}/console");
        await WaitForInteractiveAsync(Page, "[data-testid=console-form]");
        if (connected)
            await Expect(Page.Locator("[data-testid=console-status]")).ToContainTextAsync("Connected", new() { Timeout = Patience });
    }

    private static async Task OpenOptionsAsync(IPage page)
    {
        if (!await OptionsOpenAsync(page))
            await page.Locator("[data-testid=console-options-toggle]").ClickAsync();
        await Expect(page.Locator("[data-testid=console-apply]")).ToBeVisibleAsync();
    }

    private static Task<bool> OptionsOpenAsync(IPage page) =>
        page.Locator("[data-testid=console-options]").EvaluateAsync<bool>("d => d.open");

    private static async Task TypeAsync(IPage page, string text)
    {
        await page.Locator(".xterm-helper-textarea").FocusAsync();
        foreach (var part in Regex.Split(text, "(\n)"))
        {
            if (part == "\n")
                await page.Keyboard.PressAsync("Enter");
            else if (part.Length > 0)
                await page.Keyboard.TypeAsync(part);
        }
    }

    /// <summary>Waits until a line of the terminal's buffer (scrollback included) reads exactly <paramref name="line"/>.</summary>
    private static async Task WaitForLineAsync(IPage page, string line)
    {
        try
        {
            await page.WaitForFunctionAsync(
                "line => { const t = document.querySelector('[data-testid=terminal]')?.quaysideConsole?.term; if (!t) return false; const b = t.buffer.active;"
                + " for (let i = 0; i < b.length; i++) if ((b.getLine(i)?.translateToString(true) ?? '').trimEnd() === line) return true; return false; }",
                line, new() { Timeout = Patience, PollingInterval = 50 });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"No terminal line reads \"{line}\". The terminal shows:\n{await ScreenAsync(page)}", e);
        }
    }

    private static Task<string> ScreenAsync(IPage page) => page.EvaluateAsync<string>(
        "() => { const t = document.querySelector('[data-testid=terminal]')?.quaysideConsole?.term; if (!t) return '(no terminal)'; const b = t.buffer.active;"
        + " const out = []; for (let i = 0; i < b.length; i++) out.push(b.getLine(i)?.translateToString(true) ?? ''); return out.join('\\n').trimEnd(); }");

    private static async Task<(int Rows, int Cols)> TerminalSizeAsync(IPage page)
    {
        var size = await page.EvaluateAsync<int[]>("() => { const t = document.querySelector('[data-testid=terminal]').quaysideConsole.term; return [t.rows, t.cols]; }");
        return (size[0], size[1]);
    }

    /// <summary>
    /// Sends one character straight on the terminal's WebSocket and times the echo's arrival, in the page (no Playwright
    /// round trip in the figure); returns the median in milliseconds.
    /// </summary>
    private static Task<double> EchoLatencyAsync(IPage page, int samples) => page.EvaluateAsync<double>(@"async n => {
        const ws = document.querySelector('[data-testid=terminal]').quaysideConsole.ws;
        const times = [];
        for (let i = 0; i < n; i++) {
            const t0 = performance.now();
            await new Promise(resolve => {
                const onMessage = e => { if (typeof e.data !== 'string') { ws.removeEventListener('message', onMessage); resolve(); } };
                ws.addEventListener('message', onMessage);
                ws.send(new TextEncoder().encode('x'));
            });
            times.push(performance.now() - t0);
        }
        ws.send(new TextEncoder().encode('\u0015')); // Ctrl-U: clear the typed x's
        times.sort((a, b) => a - b);
        return times[Math.floor(n / 2)];
    }", samples);
}
