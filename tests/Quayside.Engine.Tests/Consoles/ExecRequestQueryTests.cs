using Quayside.Engine.Consoles;

namespace Quayside.Engine.Tests.Consoles;

/// <summary>The console socket's request: written by the page with ToQueryString, read and checked by the socket with Parse.</summary>
public class ExecRequestQueryTests
{
    [Fact]
    public void Every_field_survives_the_query_string_whatever_its_characters()
    {
        var sent = new ExecRequest("sh -c 'echo \"$A\" && ls /tmp?x=1#y' + more", "app:staff", "/srv/my dir&co", ["A=1", "B=two words & more=%20", "C=é😀+"]);
        var got = ExecRequest.Parse(sent.ToQueryString(), out var problems);
        Assert.Empty(problems);
        Assert.Equal(sent.Command, got.Command);
        Assert.Equal(sent.User, got.User);
        Assert.Equal(sent.WorkingDir, got.WorkingDir);
        Assert.Equal(sent.Env, got.Env);
    }

    [Fact]
    public void A_bare_command_is_only_cmd_and_comes_back_with_nothing_else()
    {
        var sent = new ExecRequest("/bin/sh");
        Assert.Equal("cmd=%2fbin%2fsh", sent.ToQueryString());
        var got = ExecRequest.Parse(sent.ToQueryString(), out var problems);
        Assert.Empty(problems);
        Assert.Equal(sent, got);
    }

    [Fact]
    public void The_terminal_size_the_script_appends_is_not_part_of_the_request()
    {
        var got = ExecRequest.Parse("?cmd=sh&rows=24&cols=80", out var problems);
        Assert.Empty(problems);
        Assert.Equal(new ExecRequest("sh"), got);
    }

    [Fact]
    public void Bad_values_are_refused_in_sentences_that_say_what_is_accepted()
    {
        ExecRequest.Parse("cmd=%2Fbin%2Fsh&workdir=relative", out var problems);
        Assert.Equal("Working dir: \"relative\" is not an absolute path. Accepted: a path starting with /, e.g. /srv.", Assert.Single(problems));

        ExecRequest.Parse("user=bad%20user", out problems);
        Assert.Equal(
            ["Command: type a command to run, e.g. /bin/sh.",
             "User: \"bad user\" is not a user. Accepted: a name or a number, optionally with a group (app, 1000, app:staff, 1000:1000)."],
            problems);

        ExecRequest.Parse("cmd=sh&env=1X%3Dy&env=", out problems);
        Assert.Equal(
            ["Environment: \"1X=y\" is not NAME=value. Accepted: one per line, a name of letters, digits and _ (not starting with a digit), '=', then any value.",
             "Environment: \"\" is not NAME=value. Accepted: one per line, a name of letters, digits and _ (not starting with a digit), '=', then any value."],
            problems);

        ExecRequest.Parse("cmd=echo%20'open", out problems);
        Assert.StartsWith("Command: a quote is not closed", Assert.Single(problems));
    }
}
