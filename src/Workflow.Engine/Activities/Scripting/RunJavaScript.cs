using Workflow.Engine.Expressions;
using Workflow.Engine.Expressions.JavaScript;
using Workflow.Engine.Model;

namespace Workflow.Engine.Activities.Scripting;

/// <summary>
/// Elsa.RunJavaScript: runs <c>script</c> and records its value as the <c>Result</c> output; an empty script does
/// nothing. The script may call <c>setOutcome(name)</c> or <c>setOutcomes([names])</c> to choose the outcomes it
/// completes with (<c>Done</c> when it does not); <c>possibleOutcomes</c> declares them as the flowchart's ports
/// (Elsa.Expressions.JavaScript/Activities/RunJavaScript/RunJavaScript.cs). The script is the input's text whether the
/// Studio stored it as a Literal or as a JavaScript expression.
/// </summary>
[Activity("Elsa", "Scripting", "Executes JavaScript code", DisplayName = "Run JavaScript")]
[ActivityOutput("Result", "Object", "The value of the script.")]
public sealed class RunJavaScript : Activity
{
    /// <summary>The script text; empty or blank does nothing and completes with <c>Done</c>.</summary>
    [Input(Description = "The script to run.", DefaultSyntax = "JavaScript", UIHint = "code-editor")]
    public Input<string> Script { get; set; } = new("");

    /// <summary>The outcomes the script may choose, shown as ports by the designer; not checked at run time.</summary>
    [Input(Description = "A list of possible outcomes.", UIHint = "dynamic-outcomes", TypeName = "String[]")]
    public Input<string[]> PossibleOutcomes { get; set; } = new();

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var script = Script.Expression is { ExpressionType: "JavaScript" } js ? js.ValueText : context.Get(Script);
        string[] outcomes = [Outcomes.Done];
        if (!string.IsNullOrWhiteSpace(script))
        {
            var result = JavaScriptEvaluator.Evaluate(script, context.ExpressionScope, (engine, _) =>
            {
                engine.SetValue("setOutcome", new Action<string>(o => outcomes = [o]));
                engine.SetValue("setOutcomes", new Action<string[]>(o => outcomes = o));
            });
            if (result is not null) context.SetOutput("Result", result);
        }
        context.Complete(outcomes);
        return ValueTask.CompletedTask;
    }

    /// <summary><c>Done</c> and the declared possible outcomes (static data: a script is not run at design time).</summary>
    public override IReadOnlyList<string> GetOutcomes(ActivityNode node)
    {
        var input = node.GetInput("possibleOutcomes");
        if (input is null || input.ExpressionType is "JavaScript" or "Variable") return [Outcomes.Done];
        try
        {
            var declared = ValueConverter.Convert<string[]>(ExpressionEvaluator.Evaluate(input, ExpressionScope.Empty())) ?? [];
            return [Outcomes.Done, .. declared.Where(o => o != Outcomes.Done)];
        }
        catch (ExpressionException)
        {
            return [Outcomes.Done];
        }
    }
}
