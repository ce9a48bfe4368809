import ArgumentParser

/// One numeric command-line option, its value and its allowed range: every
/// command lists its numeric options (`numericOptions`) and checks them in
/// `validate()` with `check()`, so that every value is finite and in range
/// before any work starts, and the message gives the range. The CLI tests
/// read the same lists to feed each option NaN, ∞, 0, −1 and huge values.
public struct NumericOption: Sendable {
    /// The option as typed, `--minutes`.
    public let name: String
    /// The value given (or the default); nil when the option is absent and has none.
    public let value: Double?
    public let range: ClosedRange<Double>
    /// The lower bound itself is not allowed (for example a temperature > 0).
    public let excludesLowerBound: Bool
    public let isInteger: Bool

    /// An integer option (`Int`, `UInt64`) that must lie in `range`.
    public static func integer<T: BinaryInteger>(_ name: String, _ value: T?, _ range: ClosedRange<T>) -> NumericOption {
        NumericOption(name: name, value: value.map { Double($0) }, range: Double(range.lowerBound)...Double(range.upperBound),
                      excludesLowerBound: false, isInteger: true)
    }

    /// A real option (`Double`, `Float`) that must be finite and lie in `range`, or above its lower bound when `exclusive`.
    public static func real<T: BinaryFloatingPoint>(_ name: String, _ value: T?, _ range: ClosedRange<Double>,
                                            excludingLowerBound exclusive: Bool = false) -> NumericOption {
        NumericOption(name: name, value: value.map { Double($0) }, range: range, excludesLowerBound: exclusive, isInteger: false)
    }

    /// A real option whose range is given in `Float`, as the model configurations' limits are.
    public static func real<T: BinaryFloatingPoint>(_ name: String, _ value: T?, limits range: ClosedRange<Float>,
                                                   excludingLowerBound exclusive: Bool = false) -> NumericOption {
        real(name, value, Double(range.lowerBound)...Double(range.upperBound), excludingLowerBound: exclusive)
    }

    /// The range as the message gives it: `1...1024`, `(0, 1]`.
    public var rangeText: String {
        func number(_ x: Double) -> String {
            if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
            return "\(x)"
        }
        return excludesLowerBound ? "(\(number(range.lowerBound)), \(number(range.upperBound))]"
                                  : "\(number(range.lowerBound))...\(number(range.upperBound))"
    }

    /// Whether `x` is allowed.
    public func allows(_ x: Double) -> Bool {
        x.isFinite && range.contains(x) && !(excludesLowerBound && x == range.lowerBound) && (!isInteger || x == x.rounded())
    }

    /// Throws a validation error naming the option and its range when the value is not allowed.
    public func check() throws {
        guard let value, !allows(value) else { return }
        let what = isInteger ? "an integer" : "a finite number"
        let given = value.isNaN ? "nan" : isInteger && value == value.rounded() && abs(value) < 9e18 ? String(Int64(value)) : "\(value)"
        throw ValidationError("\(name) must be \(what) in \(rangeText); got \(given)")
    }
}

/// Arguments whose numeric options are listed for checking (and for the tests): a command, or
/// an option group that a command includes and whose list the command's list includes.
public protocol NumericOptions: ParsableArguments {
    var numericOptions: [NumericOption] { get }
}

extension NumericOptions {
    /// Checks every numeric option; arguments with more to validate call this first.
    public func validateNumericOptions() throws {
        for option in numericOptions { try option.check() }
    }
}

/// A command whose numeric options are listed for checking (and for the tests).
public typealias NumericOptionsCommand = NumericOptions & ParsableCommand

/// Ranges shared by several commands.
public enum OptionRange {
    /// Worker threads.
    public static let threads = 1...256
    /// Seeds: any 64-bit value.
    public static let seed = UInt64.min...UInt64.max
    /// A SAT time limit in seconds (a day at most).
    public static let seconds = 0.01...86_400.0
    /// "Show the top N".
    public static let top = 1...10_000
}
