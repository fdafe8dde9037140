using Microsoft.AspNetCore.Antiforgery;

namespace Quayside.Web.Api;

/// <summary>Requires a valid antiforgery token (header from GET /api/antiforgery) on every state-changing API call.</summary>
public sealed class AntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !await antiforgery.IsRequestValidAsync(http))
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Missing or invalid antiforgery token",
                detail: "Send the token from GET /api/antiforgery in the header it names.");
        return await next(context);
    }
}
