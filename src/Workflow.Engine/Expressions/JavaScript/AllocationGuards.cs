using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime.Interop;
using JsEngine = Jint.Engine;

namespace Workflow.Engine.Expressions.JavaScript;

/// <summary>
/// Jint checks <see cref="ScriptLimits.MemoryLimitBytes"/> (and the time limit) between statements, so one built-in
/// call that makes a huge string — <c>'x'.repeat(2 ** 28)</c> is 512 MB and takes seconds — would pass both. These
/// wrappers refuse such a call before it allocates, when the string it would build (two bytes a character) is over
/// the memory limit: <c>String.prototype.repeat</c>, <c>padStart</c>, <c>padEnd</c> and <c>Array.prototype.join</c>.
/// Anything else a script allocates is built step by step and is caught by Jint's own check.
/// </summary>
internal static class AllocationGuards
{
    public static void Install(JsEngine engine, ScriptLimits limits)
    {
        var strings = Prototype(engine, "String");
        Guard(engine, limits, strings, "repeat", (self, args) => TypeConverterLength(self) * Number(args, 0));
        Guard(engine, limits, strings, "padStart", (_, args) => Number(args, 0));
        Guard(engine, limits, strings, "padEnd", (_, args) => Number(args, 0));
        Guard(engine, limits, Prototype(engine, "Array"), "join", (self, args) =>
            Length(self) * Math.Max(1, args.Length > 0 && !args[0].IsUndefined() ? args[0].ToString().Length : 1));
    }

    private static ObjectInstance Prototype(JsEngine engine, string constructor) =>
        engine.GetValue(constructor).AsObject().Get("prototype").AsObject();

    private static void Guard(JsEngine engine, ScriptLimits limits, ObjectInstance prototype, string method, Func<JsValue, JsValue[], double> projectedChars)
    {
        var original = prototype.Get(method);
        var guarded = new ClrFunction(engine, method, (self, args) =>
        {
            var bytes = projectedChars(self, args) * 2;
            if (bytes > limits.MemoryLimitBytes)
                throw new ScriptLimitExceededException(nameof(ScriptLimits.MemoryLimitBytes),
                    $"The script exceeded its memory limit of {limits.MemoryLimitBytes / (1024 * 1024.0):0.#} MB (ScriptLimits.MemoryLimitBytes): {method} would build a string of {bytes / (1024 * 1024):0.#} MB, and was stopped.");
            return engine.Call(original, self, args);
        }, length: 1);
        prototype.Set(method, guarded);
    }

    private static double Number(JsValue[] args, int index) =>
        index < args.Length && args[index].IsNumber() ? args[index].AsNumber()
        : index < args.Length && double.TryParse(args[index].ToString(), System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : 0;

    private static double TypeConverterLength(JsValue self) => self.IsString() ? self.AsString().Length : self.ToString().Length;

    private static double Length(JsValue self) =>
        self is ObjectInstance o && o.Get("length") is { } length && length.IsNumber() ? length.AsNumber() : 0;
}
