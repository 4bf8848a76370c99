using Workflow.Engine.Model;

namespace Workflow.Engine.Activities.Scripting;

/// <summary>
/// Elsa.RunJavaScript: runs <c>script</c> and records its value as the <c>Result</c> output; completes with
/// <c>Done</c>; an empty script does nothing (Elsa.Expressions.JavaScript/Activities/RunJavaScript/RunJavaScript.cs).
/// The script is the input's text whether the Studio stored it as a Literal or as a JavaScript expression.
/// </summary>
[Activity("Elsa", "Scripting", "Executes JavaScript code", DisplayName = "Run JavaScript")]
[ActivityOutput("Result", "Object", "The value of the script.")]
public sealed class RunJavaScript : Activity
{
    [Input(Description = "The script to run.", DefaultSyntax = "JavaScript", UIHint = "code-editor")]
    public Input<string> Script { get; set; } = new("");

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var script = Script.Expression is { ExpressionType: "JavaScript" } js ? js.ValueText : context.Get(Script);
        if (!string.IsNullOrWhiteSpace(script))
            context.SetOutput("Result", context.Evaluate(ExpressionInput.JavaScript("Object", script)));
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
