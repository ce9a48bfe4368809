import Circuits
import Emitters
import Foundation
import GateLMSupport

/// The file formats the CLI reads and writes, chosen by extension.
enum CircuitFormat: String, CaseIterable {
    case aag, aig, verilog = "v", c, dot

    /// The format of `path` from its extension.
    init(path: String) throws {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        guard let format = CircuitFormat(rawValue: ext) else {
            let known = CircuitFormat.allCases.map { ".\($0.rawValue)" }.joined(separator: ", ")
            throw CLIError("cannot tell the format of \(path): the extension must be one of \(known)")
        }
        self = format
    }
}

/// Reading and writing circuits for the CLI.
enum CircuitFile {
    /// Reads an AIGER file (ASCII or binary, detected from its header; `-`: standard input).
    static func read(_ path: String) throws -> AIG {
        do {
            return try AIGERReader.read(path: path)
        } catch {
            throw CLIError(error.description)  // names the file and the line or byte offset
        }
    }

    /// The module/function name used when emitting `path`: its base name as an identifier.
    static func circuitName(for path: String) -> String {
        URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }

    /// The text or bytes of `aig` in `format`.
    static func encode(_ aig: AIG, as format: CircuitFormat, name: String, cMain: Bool = false) throws -> [UInt8] {
        switch format {
        case .aag: return AIGERWriter.write(aig, format: .ascii)
        case .aig: return AIGERWriter.write(aig, format: .binary)
        case .verilog: return Array(VerilogEmitter.emit(aig, name: name).utf8)
        case .c:
            var options = CEmitter.Options()
            options.main = cMain ? .patterns : .none
            return Array(CEmitter.emit(aig, name: name, options: options).utf8)
        case .dot:
            do { return Array(try DotEmitter.emit(aig, name: name).utf8) } catch { throw CLIError("\(error)") }
        }
    }

    /// Writes `bytes` to `path` by `AtomicFile`'s rule (no partial file on failure; a device
    /// written through); `-` is standard output, as it is open, with its write errors reported.
    static func write(_ bytes: [UInt8], to path: String) throws {
        do { try AtomicFile.write(bytes, to: path == "-" ? "/dev/stdout" : path) } catch { throw CLIError("\(error)") }
    }
}
