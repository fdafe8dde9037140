using Quayside.Engine.Cli;

namespace Quayside.Engine.Tests.Cli;

public class ShellQuoteTests
{
    [Theory]
    [InlineData("web", "web")]
    [InlineData("status=running", "status=running")]
    [InlineData("localhost:5000/lab/busybox:1.35", "localhost:5000/lab/busybox:1.35")]
    [InlineData("", "''")]
    [InlineData("a b", "'a b'")]
    [InlineData("it's", "'it'\"'\"'s'")]
    [InlineData("$(rm -rf /)", "'$(rm -rf /)'")]
    [InlineData("^web$", "'^web$'")]
    public void Quotes_only_what_the_shell_would_change(string word, string expected) =>
        Assert.Equal(expected, ShellQuote.Word(word));

    [Theory]
    [InlineData("plain")]
    [InlineData("with space")]
    [InlineData("it's \"quoted\" $HOME `cmd` \\ ;|&")]
    [InlineData("ünïcødé ✓")]
    public async Task A_quoted_word_reaches_the_program_unchanged(string word)
    {
        var result = await TestSupport.DockerCommand.RunLineAsync("printf '%s' " + ShellQuote.Word(word));
        Assert.Equal(word, result.Stdout);
    }
}
