namespace Workflow.Engine.Expressions;

/// <summary>An expression could not be evaluated (syntax, a script error, a value that does not convert); the message names the expression.</summary>
public sealed class ExpressionException(string message, Exception? inner = null) : Exception(message, inner);
