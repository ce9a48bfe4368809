import Learning
import Text

/// Activations and gradients of one minibatch, allocated once and reused every step.
public final class GateNetworkWorkspace {
    public let batch: Int
    let activations: [AlignedBuffer<Float>]
    let gradients: [AlignedBuffer<Float>]
    let targets: AlignedBuffer<Int32>
    /// The hashed tables' rows of the batch, `[table * batch + sample]`.
    let hashedRows: AlignedBuffer<UInt32>
    /// The count ROM's entries of the batch `[sample · entriesPerContext + j]`, its score offsets
    /// and their gradient `[class · batch + sample]` (empty without a count ROM).
    let countEntries: AlignedBuffer<UInt16>
    let countRows: AlignedBuffer<UInt32>
    let countOffsets: AlignedBuffer<Float>
    let countOffsetGradient: AlignedBuffer<Float>

    /// What a batch must be a multiple of (the kernels' lanes).
    public static let batchMultiple = 16

    /// Buffers for `batch` samples (a positive multiple of `batchMultiple`: a programming error
    /// otherwise; a batch read from a file is checked by `TrainingRecord.validate`).
    public init(model: GateNetworkModel, batch: Int) {
        precondition(batch > 0 && batch % Self.batchMultiple == 0, "the batch size must be a positive multiple of 16")
        self.batch = batch
        let units = [model.configuration.inputUnitCount] + model.layers.map(\.gateCount)
        activations = units.map { AlignedBuffer(count: $0 * batch) }
        gradients = units.map { AlignedBuffer(count: $0 * batch) }
        targets = AlignedBuffer(count: batch)
        hashedRows = AlignedBuffer(count: max(1, model.hashedTables.count) * batch)
        let counted = model.countMixer != nil
        countEntries = AlignedBuffer(count: (model.countMixer?.entriesPerContext ?? 0) * batch)
        countRows = AlignedBuffer(count: counted ? batch : 0)
        countOffsets = AlignedBuffer(count: counted ? model.vocabulary.count * batch : 0)
        countOffsetGradient = AlignedBuffer(count: counted ? model.vocabulary.count * batch : 0)
    }
}

extension GateNetworkModel {
    /// The soft forward pass and the cross-entropy of `targetBytes`; with
    /// `backward`, also every parameter gradient (overwritten).
    ///
    /// - Parameters:
    ///   - contexts: `batch × contextLength` bytes, oldest first (as `ContextWindow`).
    ///   - targetBytes: the byte that follows each context.
    ///   - leaveOneOut: the samples are training positions: the count ROM's features leave each
    ///     sample's own occurrence out of the counts (needs the counts attached).
    public func loss(
        contexts: UnsafePointer<UInt8>, targetBytes: UnsafePointer<UInt8>, workspace: GateNetworkWorkspace,
        backward: Bool, leaveOneOut: Bool = false, workers: Int = 1
    ) -> CrossEntropy {
        let batch = workspace.batch, w = configuration.contextLength
        for s in 0..<batch { workspace.targets[s] = Int32(vocabulary.classIndex(of: targetBytes[s]) ?? -1) }
        embedding.forward(contexts: contexts, contextLength: w, batch: batch, output: workspace.activations[0], workers: workers)
        let tableUnits = workspace.activations[0].baseAddress + w * configuration.embeddingBits * batch
        let tableStride = configuration.embeddingBits * batch
        for (t, table) in hashedTables.enumerated() {
            let rows = workspace.hashedRows.baseAddress + t * batch
            hashRowTables[t].withUnsafeBufferPointer { rowTable in
                ContextHash.rows(of: contexts, count: batch, contextLength: w, table: rowTable.baseAddress!,
                                 order: hashes[t].order, into: rows)
            }
            table.forward(rows: rows, slots: 1, batch: batch, output: tableUnits + t * tableStride, workers: workers)
        }
        for (l, layer) in layers.enumerated() {
            layer.forward(input: workspace.activations[l], output: workspace.activations[l + 1], batch: batch, workers: workers)
        }
        if let countMixer {
            countMixer.entries(contexts: contexts, batch: batch, contextLength: w, targets: UnsafePointer(workspace.targets.baseAddress),
                               leaveOneOut: leaveOneOut, rows: workspace.countRows.baseAddress, into: workspace.countEntries.baseAddress)
            countMixer.offsets(entries: workspace.countEntries.baseAddress, batch: batch, classCount: vocabulary.count,
                               into: workspace.countOffsets.baseAddress)
        }
        let last = layers.count
        let loss = readout.lossAndGradient(
            outputs: workspace.activations[last], targets: UnsafePointer(workspace.targets.baseAddress), batch: batch,
            outputGradient: backward ? workspace.gradients[last] : nil,
            scoreOffsets: countMixer == nil ? nil : UnsafePointer(workspace.countOffsets.baseAddress),
            offsetGradient: countMixer != nil && backward ? workspace.countOffsetGradient.baseAddress : nil, workers: workers)
        guard backward else { return loss }
        countMixer?.backward(entries: workspace.countEntries.baseAddress, batch: batch,
                             offsetGradient: workspace.countOffsetGradient.baseAddress)
        for l in stride(from: last - 1, through: 0, by: -1) {
            layers[l].backward(input: workspace.activations[l], outputGradient: workspace.gradients[l + 1],
                               inputGradient: workspace.gradients[l], batch: batch, workers: workers)
        }
        embedding.backward(contexts: contexts, contextLength: w, batch: batch,
                           outputGradient: workspace.gradients[0], workers: workers)
        let tableGradients = UnsafePointer(workspace.gradients[0].baseAddress + w * configuration.embeddingBits * batch)
        for (t, table) in hashedTables.enumerated() {
            table.backward(rows: workspace.hashedRows.baseAddress + t * batch, slots: 1, batch: batch,
                           outputGradient: tableGradients + t * tableStride, workers: workers)
        }
        return loss
    }

    /// One optimisation step on a minibatch: forward, backward, Adam, refresh.
    @discardableResult
    public func trainStep(
        contexts: UnsafePointer<UInt8>, targetBytes: UnsafePointer<UInt8>, workspace: GateNetworkWorkspace,
        optimizer: Adam, leaveOneOut: Bool = true, workers: Int = 1
    ) -> CrossEntropy {
        let result = loss(contexts: contexts, targetBytes: targetBytes, workspace: workspace, backward: true,
                          leaveOneOut: leaveOneOut && countMixer != nil, workers: workers)
        optimizer.step(workers: workers)
        parametersChanged(workers: workers)
        return result
    }
}
