namespace Workflow.Engine.Expressions;

/// <summary>An expression could not be evaluated (syntax, a script error, a value that does not convert); the message names the expression.</summary>
public class ExpressionException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A script went over one of its <see cref="ScriptLimits"/>; <see cref="Limit"/> names which (e.g. <c>TimeLimit</c>).</summary>
public sealed class ScriptLimitExceededException(string limit, string message, Exception? inner = null) : ExpressionException(message, inner)
{
    /// <summary>The <see cref="ScriptLimits"/> property that was exceeded.</summary>
    public string Limit { get; } = limit;
}
