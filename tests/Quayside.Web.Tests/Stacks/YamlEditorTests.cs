using Bunit;
using Microsoft.AspNetCore.Components;
using Quayside.Web.Stacks;

namespace Quayside.Web.Tests.Stacks;

public sealed class YamlEditorTests : IAsyncDisposable
{
    private const string Compose = "services:\n  web:\n    image: nginx\n    ports: 80:80: x\n";
    private readonly BunitContext _ctx = new();
    private readonly BunitJSModuleInterop _module;

    public YamlEditorTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _module = _ctx.JSInterop.SetupModule("./Stacks/YamlEditor.razor.js");
        _module.Mode = JSRuntimeMode.Loose;
    }

    /// <summary>The numbers the gutter shows, top to bottom.</summary>
    private static List<string> GutterNumbers(IRenderedComponent<YamlEditor> editor) =>
        [.. editor.FindAll("[data-testid=yaml-gutter] > div").SelectMany(block => block.TextContent.Split('\n'))];

    [Fact]
    public void Shows_a_number_for_each_line_of_the_value_and_labels_the_text_box()
    {
        var editor = _ctx.Render<YamlEditor>(p => p.Add(e => e.Value, Compose).Add(e => e.Label, "Compose file"));

        // The text ends with a newline: the caret's empty last line has a number too.
        Assert.Equal(["1", "2", "3", "4", "5"], GutterNumbers(editor));
        var text = editor.Find("textarea");
        Assert.Equal(Compose, text.GetAttribute("value"));
        Assert.Equal("Compose file", editor.Find($"label[for={text.Id}]").TextContent);
        Assert.Null(text.GetAttribute("aria-invalid"));
        Assert.Empty(editor.FindAll("[data-testid=yaml-problems]"));
    }

    [Fact]
    public void A_problem_marks_its_line_number_lists_its_message_and_moves_the_caret_there_when_clicked()
    {
        var editor = _ctx.Render<YamlEditor>(p => p
            .Add(e => e.Value, Compose)
            .Add(e => e.Label, "Compose file")
            .Add(e => e.Problems, [(4, "mapping values are not allowed here")]));

        Assert.Equal(["1", "2", "3", "4", "5"], GutterNumbers(editor));
        var marked = Assert.Single(editor.FindAll("[data-testid=yaml-problem-line]"));
        Assert.Equal(("4", "mapping values are not allowed here"), (marked.TextContent, marked.GetAttribute("title")));
        var problem = editor.Find("[data-testid=yaml-problem]");
        Assert.Equal("Line 4: mapping values are not allowed here", problem.TextContent);
        var text = editor.Find("textarea");
        Assert.Equal("true", text.GetAttribute("aria-invalid"));
        Assert.Contains(editor.Find("[data-testid=yaml-problems]").Id!, text.GetAttribute("aria-describedby")!.Split(' '));

        problem.Click();
        Assert.Equal(4, _module.VerifyInvoke("goToLine").Arguments[2]);
    }

    [Fact]
    public void Typing_raises_value_changed_with_the_new_text_and_renumbers_the_lines()
    {
        string? raised = null;
        var editor = _ctx.Render<YamlEditor>(p => p
            .Add(e => e.Value, "services:\n")
            .Add(e => e.Label, "Compose file")
            .Add(e => e.ValueChanged, EventCallback.Factory.Create<string>(this, v => raised = v)));

        editor.Find("textarea").Input("services:\n  web:\n    image: nginx");

        Assert.Equal("services:\n  web:\n    image: nginx", raised);
        Assert.Equal(["1", "2", "3"], GutterNumbers(editor));
    }

    [Fact]
    public void A_read_only_editor_cannot_be_typed_in_and_offers_no_tab_help()
    {
        var editor = _ctx.Render<YamlEditor>(p => p.Add(e => e.Value, Compose).Add(e => e.Label, "Saved file").Add(e => e.ReadOnly, true));

        Assert.True(editor.Find("textarea").HasAttribute("readonly"));
        Assert.Empty(editor.FindAll(".field-help"));
    }

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();
}
