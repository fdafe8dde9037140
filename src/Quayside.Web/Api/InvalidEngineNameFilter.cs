using Quayside.Engine.Connection;

namespace Quayside.Web.Api;

/// <summary>
/// An id or name refused before it reached the engine (see <see cref="EnginePath"/>) is the caller's mistake: a 400 with
/// the sentence, on every API route, also those that only expect the engine's own errors.
/// </summary>
public sealed class InvalidEngineNameFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (InvalidEngineNameException e) when (!context.HttpContext.Response.HasStarted)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: e.Message);
        }
    }
}
