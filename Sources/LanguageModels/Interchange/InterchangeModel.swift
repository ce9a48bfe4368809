import Foundation
import GateLMSupport
import Learning

/// A model in the interchange format (docs/interchange.md): a directory holding `config.json`
/// (the family, shapes, readout and corpus) and `model.safetensors` (the folded integer model),
/// which GateLM and the `gatelm-torch` package both read and write. A family that supports it
/// turns one into a model (`LanguageModelFamily.model(interchange:source:)`) and back
/// (`FamilyModel.interchange()`).
public struct InterchangeModel: Sendable, Equatable {
    public static let format = "gatelm-interchange"
    public static let version = 1
    public static let configName = "config.json"
    public static let tensorsName = "model.safetensors"
    /// The largest `config.json` read (its longest field is the class-byte list).
    public static let maximumConfigBytes = 1 << 20

    /// The family's own keys of `config.json` (`format`, `version` and `family` are added on writing).
    public var config: [String: JSONValue]
    public var family: String
    public var tensors: SafeTensors

    public init(family: String, config: [String: JSONValue], tensors: SafeTensors) {
        self.family = family
        self.config = config
        self.tensors = tensors
    }

    /// Whether `path` is a directory (or a link to one): where a model path names an interchange model.
    public static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return path != InputFile.standardInput && FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }

    /// Reads the directory at `path`: `config.json` (a strict JSON object with this format,
    /// version and a family name) and `model.safetensors` (a valid container); the family checks the rest.
    public static func read(directory path: String) throws(InterchangeError) -> InterchangeModel {
        let configPath = path + "/" + configName, tensorsPath = path + "/" + tensorsName
        let configBytes: [UInt8], tensorBytes: [UInt8]
        do {
            configBytes = try InputFile.read(configPath, limit: maximumConfigBytes)
            tensorBytes = try InputFile.read(tensorsPath)
        } catch { throw InterchangeError("\(path): not a GateLM interchange model: \(error)") }
        return try decode(config: configBytes, tensorBytes: tensorBytes, directory: path)
    }

    /// The model from the bytes of the directory's two files, read by the caller (the MCP server
    /// reads each under its confinement); `directory` names them in errors.
    public static func decode(config: [UInt8], tensorBytes: [UInt8], directory: String) throws(InterchangeError) -> InterchangeModel {
        let tensors: SafeTensors
        do { tensors = try SafeTensors(decoding: tensorBytes, source: directory + "/" + tensorsName) } catch { throw InterchangeError(error.description) }
        return try decode(config: config, tensors: tensors, source: directory + "/" + configName)
    }

    /// The model from the bytes of `config.json` and its tensors (`source` names the config in errors).
    public static func decode(config bytes: [UInt8], tensors: SafeTensors, source: String) throws(InterchangeError) -> InterchangeModel {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch { throw InterchangeError("\(source): not valid JSON: \(error)") }
        guard var config = value.objectValue else { throw InterchangeError("\(source): \(value.kindDescription), not a JSON object") }
        guard config["format"] == .string(format) else {
            throw InterchangeError("\(source): format is \(config["format"]?.kindDescription ?? "missing"); expected \"\(format)\"")
        }
        guard config["version"] == .int(version) else {
            throw InterchangeError("\(source): version is \(config["version"]?.kindDescription ?? "missing"); this GateLM reads version \(version)")
        }
        guard let family = config["family"]?.stringValue else {
            throw InterchangeError("\(source): family is \(config["family"]?.kindDescription ?? "missing"); expected a family name")
        }
        for key in ["format", "version", "family"] { config[key] = nil }
        return InterchangeModel(family: family, config: config, tensors: tensors)
    }

    /// The bytes of `config.json`: the family's keys with the format, version and family, sorted, one line.
    public var configBytes: [UInt8] {
        var object = config
        object["format"] = .string(Self.format)
        object["version"] = .int(Self.version)
        object["family"] = .string(family)
        return JSONWriter.bytes(.object(object)) + [0x0A]
    }

    /// Writes the directory: creates it when missing (refusing a path that exists and is no
    /// directory), then writes each file atomically; if a write fails, what this call created is removed.
    public func write(directory path: String) throws {
        // The tensors first: a reader that finds the new config finds the tensors it describes.
        do {
            try AtomicFile.writeDirectory(path, files: [Self.tensorsName, Self.configName]) { file in
                if file.hasSuffix(Self.tensorsName) { try tensors.write(to: file) } else { try AtomicFile.write(configBytes, to: file) }
            }
        } catch let failure as AtomicFile.Failure {
            throw InterchangeError(failure.description)
        }
    }
}

/// Why an interchange directory cannot be read or written.
public struct InterchangeError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
