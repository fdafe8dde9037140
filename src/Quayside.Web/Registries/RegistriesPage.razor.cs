using Microsoft.AspNetCore.Components;
using Quayside.Engine.Cli;
using Quayside.Engine.Pulls;
using Quayside.Engine.Registries;
using Quayside.Web.Components.Shared;
using Quayside.Web.Registries;

namespace Quayside.Web.Registries;

public partial class RegistriesPage
{
    private IReadOnlyList<RegistryEntry> _registries = [];
    private string _address = "";
    private string _username = "";
    private string _secret = "";
    private string? _addressError;
    private string? _credentialError;
    private string? _message;
    private bool _ok;
    private ConfirmRequest? _confirm;

    [Inject] private RegistryStore Store { get; set; } = default!;
    [Inject] private RegistryBrowser Browser { get; set; } = default!;

    private string? LoginServer
    {
        get
        {
            var normalized = RegistryAddress.Normalize(_address, out _);
            return normalized is null or ImageReference.DockerHub ? null : normalized;
        }
    }

    protected override async Task OnInitializedAsync() => _registries = await Store.ListAsync();

    private string? ValidateForm()
    {
        var address = RegistryAddress.Normalize(_address, out _addressError);
        _credentialError = string.IsNullOrWhiteSpace(_username) != string.IsNullOrEmpty(_secret)
            ? "Give both a user name and a password (or token), or neither for an open registry."
            : _username.Trim().Length > 255 ? "The user name is longer than 255 characters." : null;
        return _credentialError is null ? address : null;
    }

    private async Task SaveAsync()
    {
        if (ValidateForm() is not { } address)
            return;
        await Store.SaveAsync(address, _username, _secret);
        _registries = await Store.ListAsync();
        (_ok, _message) = (true, $"Saved {address}.");
        _secret = "";
    }

    private async Task TestFormAsync()
    {
        if (ValidateForm() is not { } address)
            return;
        await TestAsync(() => Browser.TestLoginAsync(address, _username.Trim(), _secret, CancellationToken.None));
    }

    private Task TestSavedAsync(RegistryEntry entry) => TestAsync(async () =>
    {
        var auth = await Store.FindAsync(entry.Address, CancellationToken.None);
        return await Browser.TestLoginAsync(entry.Address, auth?.Username, auth?.Secret, CancellationToken.None);
    });

    private async Task TestAsync(Func<Task<string>> test)
    {
        _message = "Testing…";
        _ok = true;
        StateHasChanged();
        try
        {
            _message = await test();
        }
        catch (RegistryException e)
        {
            (_ok, _message) = (false, e.Message);
        }
    }

    private void AskRemove(RegistryEntry entry) =>
        _confirm = new ConfirmRequest("Remove registry", $"Remove {entry.Address} and its saved credentials? Images already pulled stay.",
            [entry.Address + (entry.Username is null ? "" : $" (user {entry.Username})")], "Remove", async () =>
            {
                await Store.RemoveAsync(entry.Id);
                _registries = await Store.ListAsync();
                (_ok, _message) = (true, $"Removed {entry.Address}.");
            })
        { Cli = DockerCli.Logout(entry.IsDockerHub ? null : entry.Address) };
}
