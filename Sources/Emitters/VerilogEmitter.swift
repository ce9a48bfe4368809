import Circuits

/// Emits an AIG as structural Verilog-2001: one `assign` per live AND, the
/// inputs and outputs as ports, and the latches as registers.
///
/// Latches are clocked on the rising edge of `clk`. The reset is synchronous
/// and active high: a rising edge of `clk` while `rst` is 1 loads the reset
/// values, uninitialised latches included, which reset to 0 as in
/// simulation. `clk` and `rst` exist only when there are latches.
///
/// With a lane width `N > 1` every signal is an `N`-bit vector carrying `N`
/// independent patterns, so that one evaluation of the netlist simulates `N` patterns.
/// The output passes `verilator --lint-only -Wall`; unused inputs and latches are
/// wrapped in `lint_off UNUSED` comments, and `DECLFILENAME` is off because the
/// emitter does not know the file name.
public enum VerilogEmitter {
    public struct Options: Sendable, Hashable {
        /// Bits per signal: patterns evaluated side by side (the testbench supports 1...64).
        public var laneWidth: Int

        public init(laneWidth: Int = 1) {
            precondition(laneWidth >= 1, "laneWidth must be positive")
            self.laneWidth = laneWidth
        }
    }

    /// The Verilog names of a circuit's interface, as `emit` and `testbench` use them.
    public struct Interface: Sendable, Hashable {
        /// The module name (Verilator's model class is `V` + module).
        public var module: String
        /// Port of each input: its sanitised symbol name, else `in<i>`.
        public var inputs: [String]
        /// Port of each output: its sanitised symbol name, else `out<o>`.
        public var outputs: [String]
        /// Register of each latch: its sanitised symbol name, else `latch<j>`.
        public var latches: [String]
        /// Clock and reset ports, present only when there are latches.
        public var clock: String?
        public var reset: String?
    }

    /// The names that `emit(aig, name:)` gives the module, its ports and registers.
    public static func interface(of aig: AIG, name: String) -> Interface {
        var registry = IdentifierRegistry()
        let module = Identifier.sanitized(name)
        registry.reserve([module])  // Verilator rejects a signal named like its module
        let clock = aig.isSequential ? registry.claim("clk", fallback: "clk") : nil
        let reset = aig.isSequential ? registry.claim("rst", fallback: "rst") : nil
        let inputs = (0..<aig.inputCount).map { registry.claim(aig.names.input($0) ?? "in\($0)", fallback: "in\($0)") }
        let outputs = (0..<aig.outputCount).map {
            registry.claim(aig.names.output($0) ?? "out\($0)", fallback: "out\($0)")
        }
        let latches = (0..<aig.latchCount).map {
            registry.claim(aig.names.latch($0) ?? "latch\($0)", fallback: "latch\($0)")
        }
        return Interface(module: module, inputs: inputs, outputs: outputs, latches: latches, clock: clock, reset: reset)
    }

    /// The Verilog module for `aig`, named after `name` (sanitised).
    public static func emit(_ aig: AIG, name: String, options: Options = Options()) -> String {
        let ports = interface(of: aig, name: name)
        let live = LiveLogic(aig)
        let width = options.laneWidth
        let range = width > 1 ? "[\(width - 1):0] " : ""
        let zero = width > 1 ? "{\(width){1'b0}}" : "1'b0"
        let one = width > 1 ? "{\(width){1'b1}}" : "1'b1"

        // Names of the internal AND wires, distinct from the ports.
        var registry = IdentifierRegistry()
        registry.reserve([ports.module, ports.clock, ports.reset].compactMap { $0 } + ports.inputs + ports.outputs + ports.latches)
        var andNames = [String](repeating: "", count: aig.andCount)
        for k in live.liveAnds { andNames[k] = registry.claim("n\(aig.firstAndVariable + k)", fallback: "n") }

        func expression(_ literal: Literal) -> String {
            let v = literal.variable
            if v == 0 { return literal.isComplemented ? one : zero }
            let base: String
            switch aig.node(ofVariable: v) {
            case .constant: base = zero
            case .input(let i): base = ports.inputs[i]
            case .latch(let j): base = ports.latches[j]
            case .and(let k): base = andNames[k]
            }
            return literal.isComplemented ? "~" + base : base
        }
        func unusedIfNeeded(_ declaration: String, isRead: Bool) -> String {
            isRead ? declaration : "/* verilator lint_off UNUSED */ \(declaration) /* verilator lint_on UNUSED */"
        }

        var text = header(aig, live: live, module: ports.module, width: width)
        var portLines: [String] = []
        if let clock = ports.clock, let reset = ports.reset {
            portLines += ["input wire \(clock)", "input wire \(reset)"]
        }
        for (i, port) in ports.inputs.enumerated() {
            portLines.append(unusedIfNeeded("input wire \(range)\(port)", isRead: live.isRead[1 + i]))
        }
        portLines += ports.outputs.map { "output wire \(range)\($0)" }
        text += "/* verilator lint_off DECLFILENAME */\n"
        text += "module \(ports.module) (\n"
        text += portLines.enumerated().map { "    \($1)\($0 < portLines.count - 1 ? "," : "")\n" }.joined()
        text += ");\n"
        for (j, register) in ports.latches.enumerated() {
            text += "    " + unusedIfNeeded("reg \(range)\(register);", isRead: live.isRead[aig.firstLatchVariable + j]) + "\n"
        }
        for k in live.liveAnds {
            text += "    wire \(range)\(andNames[k]);\n"
            text += "    assign \(andNames[k]) = \(expression(aig.fanin0[k])) & \(expression(aig.fanin1[k]));\n"
        }
        for (o, port) in ports.outputs.enumerated() { text += "    assign \(port) = \(expression(aig.outputs[o]));\n" }
        if let clock = ports.clock, let reset = ports.reset {
            text += "    always @(posedge \(clock)) begin\n        if (\(reset)) begin\n"
            for (j, latch) in aig.latches.enumerated() {
                text += "            \(ports.latches[j]) <= \(latch.reset == .one ? one : zero);\n"
            }
            text += "        end else begin\n"
            for (j, latch) in aig.latches.enumerated() { text += "            \(ports.latches[j]) <= \(expression(latch.next));\n" }
            text += "        end\n    end\n"
        }
        text += "endmodule\n"
        return text
    }

    private static func header(_ aig: AIG, live: LiveLogic, module: String, width: Int) -> String {
        var text = "// \(module): generated by GateLM's Verilog emitter from an AIG with \(aig.inputCount) inputs,\n"
        text += "// \(aig.latchCount) latches, \(aig.outputCount) outputs and \(aig.andCount) ANDs"
        let omitted = aig.andCount - live.liveAnds.count
        text += omitted > 0 ? " (\(omitted) that reach no output or latch are omitted).\n" : ".\n"
        if width > 1 { text += "// Every signal is \(width) bits wide: \(width) independent patterns side by side.\n" }
        if aig.isSequential {
            text += "// Latches are registers clocked on the rising edge of clk. Reset is synchronous and\n"
            text += "// active high: a clock edge with rst = 1 loads the reset values (uninitialised latches load 0).\n"
        }
        return text
    }
}
