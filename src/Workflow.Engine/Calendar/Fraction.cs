using System.Numerics;

namespace Workflow.Engine.Calendar;

/// <summary>
/// An exact non-negative rational number. Deadline clocks add day fractions such as 3/7 (3 h of a 7 h day);
/// floating point would put a due instant at 11:59:59.999 instead of 12:00.
/// </summary>
internal readonly record struct Fraction
{
    public Fraction(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
            throw new DivideByZeroException();
        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }
        var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (g > BigInteger.One)
        {
            numerator /= g;
            denominator /= g;
        }
        Numerator = numerator;
        Denominator = denominator.IsZero ? BigInteger.One : denominator;
    }

    public BigInteger Numerator { get; }
    public BigInteger Denominator { get; }

    public static Fraction Zero => new(0, 1);
    public static Fraction Whole(long n) => new(n, 1);

    public static Fraction operator +(Fraction a, Fraction b) => new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);
    public static Fraction operator -(Fraction a, Fraction b) => new(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator);
    public static Fraction operator *(Fraction a, BigInteger k) => new(a.Numerator * k, a.Denominator);
    public static bool operator <(Fraction a, Fraction b) => a.Numerator * b.Denominator < b.Numerator * a.Denominator;
    public static bool operator >(Fraction a, Fraction b) => b < a;
    public static bool operator <=(Fraction a, Fraction b) => !(b < a);
    public static bool operator >=(Fraction a, Fraction b) => !(a < b);

    public bool IsZero => Numerator.IsZero;
    public BigInteger Floor => BigInteger.Divide(Numerator - (Numerator.Sign < 0 ? Denominator - 1 : 0), Denominator);
    public BigInteger Ceiling => -new Fraction(-Numerator, Denominator).Floor;

    public double ToDouble() => (double)Numerator / (double)Denominator;
}
