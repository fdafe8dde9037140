using Microsoft.AspNetCore.Components;

namespace Quayside.Web.Components.Shared;

/// <summary>What a confirmation asks: a title, a question, the list of what will go, and the action's CLI line.</summary>
public sealed record ConfirmRequest(string Title, string Question, IReadOnlyList<string> Items, string ConfirmLabel, Func<Task> OnConfirm)
{
    public string? Cli { get; init; }
    public RenderFragment? Options { get; init; }
}
