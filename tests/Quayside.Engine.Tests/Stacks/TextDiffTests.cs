using System.Diagnostics;
using Quayside.Engine.Stacks;

namespace Quayside.Engine.Tests.Stacks;

public class TextDiffTests
{
    private const string Compose = """
        services:
          web:
            image: nginx:1.27
            ports:
              - "8080:80"
            restart: unless-stopped
          db:
            image: postgres:16
            environment:
              POSTGRES_PASSWORD: example
            volumes:
              - db-data:/var/lib/postgresql/data
            restart: unless-stopped
        volumes:
          db-data:

        """;

    [Fact]
    public void Identical_texts_have_no_hunks_and_no_unified_text()
    {
        var result = TextDiff.Compare(Compose, Compose);

        Assert.False(result.HasChanges);
        Assert.Empty(result.Hunks);
        Assert.Equal((0, 0), (result.Added, result.Removed));
        Assert.Equal("", result.Unified("a", "b"));
    }

    [Fact]
    public void One_change_in_the_middle_comes_with_three_lines_of_context_each_side()
    {
        var result = TextDiff.Compare(Compose, Compose.Replace("postgres:16", "postgres:17"));

        var hunk = Assert.Single(result.Hunks);
        Assert.Equal((1, 1), (result.Added, result.Removed));
        Assert.Equal((5, 7, 5, 7), (hunk.OldStart, hunk.OldCount, hunk.NewStart, hunk.NewCount));
        Assert.Equal(
            [
                (DiffKind.Same, "      - \"8080:80\"", 5, 5),
                (DiffKind.Same, "    restart: unless-stopped", 6, 6),
                (DiffKind.Same, "  db:", 7, 7),
                (DiffKind.Removed, "    image: postgres:16", 8, null),
                (DiffKind.Added, "    image: postgres:17", null, 8),
                (DiffKind.Same, "    environment:", 9, 9),
                (DiffKind.Same, "      POSTGRES_PASSWORD: example", 10, 10),
                (DiffKind.Same, "    volumes:", 11, 11),
            ],
            hunk.Lines.Select(l => (l.Kind, l.Text, l.OldNumber, l.NewNumber)));
    }

    [Fact]
    public void Lines_added_at_the_end_follow_the_last_lines_as_context()
    {
        var result = TextDiff.Compare("a\nb\nc\nd\ne\n", "a\nb\nc\nd\ne\nf\ng\n");

        var hunk = Assert.Single(result.Hunks);
        Assert.Equal((2, 0), (result.Added, result.Removed));
        Assert.Equal("@@ -3,3 +3,5 @@", hunk.Header);
        Assert.Equal(["c", "d", "e", "f", "g"], hunk.Lines.Select(l => l.Text));
        Assert.Equal([(null, 6), (null, 7)], hunk.Lines.Where(l => l.Kind == DiffKind.Added).Select(l => (l.OldNumber, l.NewNumber)));
    }

    [Fact]
    public void Removing_everything_is_one_hunk_of_removed_lines_against_an_empty_range()
    {
        var result = TextDiff.Compare("one\ntwo\nthree\n", "");

        var hunk = Assert.Single(result.Hunks);
        Assert.Equal((0, 3), (result.Added, result.Removed));
        Assert.All(hunk.Lines, l => Assert.Equal(DiffKind.Removed, l.Kind));
        Assert.Equal([1, 2, 3], hunk.Lines.Select(l => l.OldNumber));
        Assert.Equal("--- old\n+++ new\n@@ -1,3 +0,0 @@\n-one\n-two\n-three\n", result.Unified("old", "new"));
    }

    [Fact]
    public void Crlf_line_endings_are_not_changes_and_the_text_has_no_carriage_returns()
    {
        var result = TextDiff.Compare(Compose.Replace("\n", "\r\n"), Compose.Replace("nginx:1.27", "nginx:1.28"));

        Assert.Equal((1, 1), (result.Added, result.Removed));
        Assert.Equal(["    image: nginx:1.27"], result.Hunks.SelectMany(h => h.Lines).Where(l => l.Kind == DiffKind.Removed).Select(l => l.Text));
        Assert.DoesNotContain('\r', result.Unified("a", "b"));
    }

    [Fact]
    public void A_missing_final_newline_changes_the_last_line_and_is_marked()
    {
        var result = TextDiff.Compare("a\nb\n", "a\nb");

        Assert.Equal((1, 1), (result.Added, result.Removed));
        var added = Assert.Single(result.Hunks.SelectMany(h => h.Lines), l => l.Kind == DiffKind.Added);
        Assert.Equal(("b", true), (added.Text, added.NoNewlineAtEnd));
    }

    public static TheoryData<string, string> Pairs => new()
    {
        { Compose, Compose.Replace("postgres:16", "postgres:17") },
        // A service added between two others, where its lines repeat the ones around it.
        { Compose, Compose.Replace("  db:\n", "  cache:\n    image: redis:7\n    restart: unless-stopped\n  db:\n") },
        // Changes near both ends, far apart: two hunks.
        { Compose + string.Concat(Enumerable.Range(1, 20).Select(i => $"# note {i}\n")), "version: \"3.8\"\n" + Compose + string.Concat(Enumerable.Range(1, 20).Select(i => i == 18 ? "# changed\n" : $"# note {i}\n")) },
        // Changes 6 lines apart share a hunk; blank lines that could pair either way.
        { "a\n\nb\n\nc\nd\ne\nf\ng\nh\n\ni\n", "a\n\nB\n\nc\nd\ne\nf\ng\nH\n\n\ni\n" },
        { "", "first\nsecond\n" },
        { "x\ny\nz", "x\ny\nz\n" },
        { "keep\nlast", "keep\nlast\nmore" },
        { "same\r\nlines\r\n", "same\r\nlines\r\nadded\r\n" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void The_unified_text_is_what_gnu_diff_prints(string oldText, string newText)
    {
        var expected = GnuDiff(oldText, newText);

        var ours = TextDiff.Compare(oldText, newText).Unified("old", "new");

        Assert.Equal(expected, ours.Split('\n').Skip(2));
    }

    /// <summary>diff -u's lines after the two header lines (which carry timestamps).</summary>
    private static IEnumerable<string> GnuDiff(string oldText, string newText)
    {
        var dir = Directory.CreateTempSubdirectory("quayside-diff-");
        try
        {
            // Both files with LF only: line endings are not a difference here, by design.
            File.WriteAllText(Path.Combine(dir.FullName, "old"), oldText.Replace("\r\n", "\n"));
            File.WriteAllText(Path.Combine(dir.FullName, "new"), newText.Replace("\r\n", "\n"));
            var start = new ProcessStartInfo("diff", ["-u", "old", "new"]) { WorkingDirectory = dir.FullName, RedirectStandardOutput = true };
            using var diff = Process.Start(start)!;
            var output = diff.StandardOutput.ReadToEnd();
            diff.WaitForExit();
            Assert.Equal(1, diff.ExitCode);
            return output.Split('\n').Skip(2);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
