using System.Net;
using Quayside.TestSupport;
using Quayside.Web.Auth;

namespace Quayside.Web.Tests.Security;

/// <summary>Password guessing: bursts, many addresses against one account, forged forwarded addresses, back-off, memory.</summary>
public class LoginThrottleTests
{
    [Fact]
    public async Task A_burst_of_concurrent_wrong_logins_has_at_most_five_of_them_checked()
    {
        await using var app = new QuaysideFactory { RemoteAddress = IPAddress.Parse("10.1.1.1") };
        var client = app.CreateBrowserlikeClient();
        var token = await QuaysideFactory.FormTokenAsync(client, "/login");
        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => client.PostAsync("/auth/login", LoginForm("admin", $"guess-{i}-wrong", token))));
        var checkedGuesses = answers.Count(a => a.StatusCode == HttpStatusCode.Redirect);
        Assert.True(checkedGuesses <= LoginThrottle.PerAddress.Attempts, $"{checkedGuesses} of 30 concurrent guesses were checked");
        Assert.Equal(30 - checkedGuesses, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.True(answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests).Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task Guesses_from_many_addresses_against_one_account_are_limited_per_account()
    {
        await using var app = new QuaysideFactory
        {
            RemoteAddress = IPAddress.Loopback,
            Settings = { ["QUAYSIDE_TRUSTED_PROXIES"] = "127.0.0.1" },
        };
        var client = app.CreateBrowserlikeClient();
        var token = await QuaysideFactory.FormTokenAsync(client, "/login");
        for (var i = 0; i < LoginThrottle.PerAccount.Attempts; i++)
            Assert.Equal(HttpStatusCode.Redirect, (await PostFromAsync(client, $"203.0.113.{i + 1}", "admin", "wrong-password-x", token)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostFromAsync(client, "203.0.113.200", "admin", QuaysideFactory.Password, token)).StatusCode);
        // Another account from a fresh address is not caught by admin's limit.
        Assert.Equal(HttpStatusCode.Redirect, (await PostFromAsync(client, "203.0.113.201", "someone", "wrong-password-y", token)).StatusCode);
    }

    [Fact]
    public async Task A_forged_forwarded_address_from_an_untrusted_peer_does_not_dodge_the_limit()
    {
        await using var app = new QuaysideFactory { RemoteAddress = IPAddress.Parse("10.2.2.2") };
        var client = app.CreateBrowserlikeClient();
        var token = await QuaysideFactory.FormTokenAsync(client, "/login");
        for (var i = 0; i < LoginThrottle.PerAddress.Attempts; i++)
            await PostFromAsync(client, $"198.51.100.{i + 1}", $"user{i}", "wrong-password-z", token);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostFromAsync(client, "198.51.100.99", "admin", QuaysideFactory.Password, token)).StatusCode);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_each_client_address_is_limited_on_its_own()
    {
        await using var app = new QuaysideFactory
        {
            RemoteAddress = IPAddress.Loopback,
            Settings = { ["QUAYSIDE_TRUSTED_PROXIES"] = "127.0.0.0/8" },
        };
        var client = app.CreateBrowserlikeClient();
        var token = await QuaysideFactory.FormTokenAsync(client, "/login");
        for (var i = 0; i < LoginThrottle.PerAddress.Attempts; i++)
            await PostFromAsync(client, "192.0.2.10", $"user{i}", "wrong-password-w", token);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostFromAsync(client, "192.0.2.10", "admin", QuaysideFactory.Password, token)).StatusCode);
        var other = await PostFromAsync(client, "192.0.2.11", "admin", QuaysideFactory.Password, token);
        Assert.Equal("/", other.Headers.Location?.ToString());
    }

    [Fact]
    public void Each_new_block_of_an_address_lasts_twice_as_long()
    {
        var clock = new ManualClock();
        var throttle = new LoginThrottle(clock);
        for (var round = 1; round <= 3; round++)
        {
            for (var i = 0; i < LoginThrottle.PerAddress.Attempts; i++)
                Assert.NotNull(throttle.TryBegin("10.3.3.3", $"user-{round}-{i}", out _));
            Assert.Null(throttle.TryBegin("10.3.3.3", "another", out var wait));
            Assert.Equal(LoginThrottle.FirstBlock * Math.Pow(2, round - 1), wait);
            clock.Advance(wait + TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public void Idle_addresses_and_accounts_are_forgotten()
    {
        var clock = new ManualClock();
        var throttle = new LoginThrottle(clock);
        for (var i = 0; i < 500; i++)
            throttle.TryBegin($"10.4.{i / 250}.{i % 250}", $"user{i}", out _);
        Assert.Equal(1000, throttle.Tracked);
        clock.Advance(LoginThrottle.ForgetAfter + TimeSpan.FromMinutes(2));
        throttle.TryBegin("10.5.5.5", "late", out _);
        Assert.Equal(2, throttle.Tracked);
    }

    [Fact]
    public void A_right_password_takes_back_its_own_attempt()
    {
        var throttle = new LoginThrottle(new ManualClock());
        for (var i = 0; i < LoginThrottle.PerAddress.Attempts - 1; i++)
            throttle.TryBegin("10.6.6.6", "admin", out _);
        throttle.Succeeded(throttle.TryBegin("10.6.6.6", "admin", out _)!);
        Assert.NotNull(throttle.TryBegin("10.6.6.6", "admin", out _));
        Assert.Null(throttle.TryBegin("10.6.6.6", "admin", out _));
    }

    private static FormUrlEncodedContent LoginForm(string user, string password, string token) => new(new Dictionary<string, string>
    {
        ["userName"] = user, ["password"] = password, ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
    });

    private static Task<HttpResponseMessage> PostFromAsync(HttpClient client, string forwardedFor, string user, string password, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login") { Content = LoginForm(user, password, token) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request);
    }
}
