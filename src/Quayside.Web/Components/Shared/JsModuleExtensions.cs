using Microsoft.JSInterop;

namespace Quayside.Web.Components.Shared;

public static class JsModuleExtensions
{
    /// <summary>Releases a page's JS module; when the browser has already gone there is nothing left to release.</summary>
    public static async ValueTask DisposeQuietlyAsync(this IJSObjectReference? module)
    {
        if (module is null)
            return;
        try
        {
            await module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
        }
    }
}
