using System.Text;
using System.Text.RegularExpressions;
using Quayside.TestSupport;

namespace Quayside.Web.Tests.Security;

/// <summary>
/// Komodo #1636, secrets in the app's own logs. Runs after every other test (scripts/run-tests.sh runs the category
/// AfterRun last): everything the apps under test logged during the whole run (in-memory apps at Debug level, the
/// browser tests' app process as it prints) must hold none of the secrets the tests gave them: admin passwords, the lab
/// registry's password (also as a Basic credential) and setup tokens, which may appear only on the console line that
/// hands them to the administrator.
/// </summary>
[Trait("Category", "AfterRun")]
public partial class AppLogAuditTests
{
    [Fact]
    public void No_secret_the_tests_used_appears_in_the_apps_logs()
    {
        var secrets = AppLogAudit.Secrets().ToList();
        secrets.Add(("admin password", QuaysideFactory.Password));
        secrets.Add(("registry password", LabRegistry.Password));
        secrets.Add(("registry Basic credential", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{LabRegistry.User}:{LabRegistry.Password}"))));
        var web = AppLogAudit.Logs("web");
        var e2e = AppLogAudit.Logs("e2e");
        Assert.True(web.Count > 0, $"No log of an in-memory app in {AppLogAudit.Folder}: run the whole suite (./quayside.sh test) first.");
        Assert.True(e2e.Count > 0, $"No log of the browser tests' app in {AppLogAudit.Folder}: run the whole suite (./quayside.sh test) first.");

        var leaks = new List<string>();
        long bytes = 0;
        foreach (var file in web.Concat(e2e))
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNumber++;
                bytes += line.Length;
                foreach (var (kind, value) in secrets)
                {
                    if (line.Contains(value, StringComparison.Ordinal) && !(kind == "setup token" && SetupTokenLine().IsMatch(line)))
                        leaks.Add($"{Path.GetFileName(file)}:{lineNumber}: the {kind} appears: {line[..Math.Min(line.Length, 200)]}");
                }
            }
        }
        Assert.True(bytes > 0, "The captured logs are empty, so this check would prove nothing.");
        Assert.True(leaks.Count == 0, string.Join('\n', leaks.Take(20)));
    }

    [GeneratedRegex(@"^Setup token: \S+$")]
    private static partial Regex SetupTokenLine();
}
