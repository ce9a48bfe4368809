import Circuits

/// A mutable AIG for in-place local rewriting, after ABC's: reference
/// counts, a structural hash table for finding existing nodes, and node
/// replacement with recursive deletion of the freed logic.
///
/// Node ids start as the variables of the source AIG; new nodes are
/// appended. A replaced node forwards to its replacement (`resolve`), so
/// its fanouts need not be edited: every read of a fanin goes through
/// `resolve`. Reference counts count the live nodes whose resolved fanin a
/// node is, plus the roots (outputs, latch next states, properties).
struct EditableAIG {
    let source: AIG
    let firstAnd: Int
    private(set) var fanin0: [UInt32]
    private(set) var fanin1: [UInt32]
    var refs: [Int32]
    /// Logic level of each node when it was created (inputs 0). Replacements
    /// do not update the levels of fanouts, so these are estimates for tie-breaking.
    private(set) var levels: [UInt32]
    /// Scratch marks for traversals (see `newMark()`).
    var marks: [UInt32]
    private var lastMark: UInt32 = 0
    private(set) var replacement: [UInt32]
    private(set) var dead: [Bool]
    private var table: StructuralHashTable
    private var deletionStack: [Int] = []

    static let none = UInt32.max

    /// Loads `aig`, which should be structurally hashed and free of dangling nodes.
    init(_ aig: AIG) {
        source = aig
        firstAnd = aig.firstAndVariable
        let n = aig.variableCount
        fanin0 = [UInt32](repeating: 0, count: n)
        fanin1 = [UInt32](repeating: 0, count: n)
        refs = [Int32](repeating: 0, count: n)
        levels = [UInt32](repeating: 0, count: n)
        marks = [UInt32](repeating: 0, count: n)
        replacement = [UInt32](repeating: Self.none, count: n)
        dead = [Bool](repeating: false, count: n)
        table = StructuralHashTable(minimumCapacity: 2 * aig.andCount + 1024)
        for k in 0..<aig.andCount {
            let v = firstAnd + k
            fanin0[v] = aig.fanin0[k].raw
            fanin1[v] = aig.fanin1[k].raw
            refs[aig.fanin0[k].variable] += 1
            refs[aig.fanin1[k].variable] += 1
            levels[v] = 1 + max(levels[aig.fanin0[k].variable], levels[aig.fanin1[k].variable])
            table.insert(StructuralHashTable.key(fanin0[v], fanin1[v]), UInt32(v))
        }
        for root in aig.rootLiterals { refs[root.variable] += 1 }
        for v in firstAnd..<n where refs[v] == 0 { dead[v] = true }
    }

    /// A mark value no node carries yet.
    mutating func newMark() -> UInt32 {
        lastMark &+= 1
        if lastMark == 0 {
            for i in marks.indices { marks[i] = 0 }
            lastMark = 1
        }
        return lastMark
    }

    var nodeCount: Int { fanin0.count }

    @inline(__always) func isAnd(_ v: Int) -> Bool { v >= firstAnd }

    /// Whether `v` is live and not replaced.
    @inline(__always) func isCurrent(_ v: Int) -> Bool { !dead[v] && replacement[v] == Self.none }

    /// The literal a literal stands for once replacements are followed.
    @inline(__always) func resolve(_ literal: UInt32) -> UInt32 {
        var l = literal
        while true {
            let r = replacement[Int(l >> 1)]
            if r == Self.none { return l }
            l = r ^ (l & 1)
        }
    }

    @inline(__always) func resolvedFanin0(_ v: Int) -> UInt32 { resolve(fanin0[v]) }
    @inline(__always) func resolvedFanin1(_ v: Int) -> UInt32 { resolve(fanin1[v]) }

    /// The trivial result of `a ∧ b` or an existing current node computing it; nil when it would be new.
    @inline(__always)
    func lookup(_ a: UInt32, _ b: UInt32) -> UInt32? {
        let x = max(a, b), y = min(a, b)
        if y == 0 { return 0 }
        if y == 1 || x == y { return x }
        if x == y ^ 1 { return 0 }
        guard let v = table.find(StructuralHashTable.key(x, y)), isCurrent(Int(v)) else { return nil }
        return v << 1
    }

    /// `a ∧ b`, found or created (a new node references its fanins).
    mutating func and(_ a: UInt32, _ b: UInt32) -> UInt32 {
        if let existing = lookup(a, b) { return existing }
        let x = max(a, b), y = min(a, b)
        let v = nodeCount
        fanin0.append(x)
        fanin1.append(y)
        refs.append(0)
        levels.append(1 + max(levels[Int(x >> 1)], levels[Int(y >> 1)]))
        marks.append(0)
        replacement.append(Self.none)
        dead.append(false)
        refs[Int(x >> 1)] += 1
        refs[Int(y >> 1)] += 1
        table.insert(StructuralHashTable.key(x, y), UInt32(v))
        return UInt32(v) << 1
    }

    /// Makes `v`'s fanouts and roots use `literal` instead, then deletes `v`
    /// and whatever only it kept alive. `literal` must not depend on `v`.
    mutating func replace(_ v: Int, with literal: UInt32) {
        precondition(Int(literal >> 1) != v && isCurrent(v))
        replacement[v] = literal
        refs[Int(literal >> 1)] += refs[v]
        refs[v] = 0
        delete(v)
    }

    /// Kills `v` (no references left) and, recursively, fanins that lose their last reference.
    private mutating func delete(_ v: Int) {
        dead[v] = true
        deletionStack.append(v)
        while let w = deletionStack.popLast() {
            release(Int(resolvedFanin0(w) >> 1))
            release(Int(resolvedFanin1(w) >> 1))
        }
    }

    @inline(__always) private mutating func release(_ u: Int) {
        refs[u] -= 1
        if refs[u] == 0 && isAnd(u) && !dead[u] {
            dead[u] = true
            deletionStack.append(u)
        }
    }

    /// The AIG this graph now stands for, rebuilt through `AIGRebuilder`.
    func rebuilt() -> AIG {
        var rebuild = AIGRebuilder(source)
        var image = [Literal](repeating: .false, count: nodeCount)
        for v in 1..<firstAnd { image[v] = rebuild.image[v] }
        var built = [Bool](repeating: false, count: nodeCount)
        for v in 0..<firstAnd { built[v] = true }
        func imageOf(_ l: UInt32) -> Literal { image[Int(l >> 1)].complemented(if: l & 1 != 0) }
        // Depth-first from every current node still referenced: ids need not be topological after replacements.
        var stack: [Int] = []
        for start in firstAnd..<nodeCount where !built[start] && isCurrent(start) {
            stack.append(start)
            while let v = stack.last {
                if built[v] { stack.removeLast(); continue }
                let a = Int(resolvedFanin0(v) >> 1), b = Int(resolvedFanin1(v) >> 1)
                if !built[a] { stack.append(a); continue }
                if !built[b] { stack.append(b); continue }
                image[v] = rebuild.builder.and(imageOf(resolvedFanin0(v)), imageOf(resolvedFanin1(v)))
                built[v] = true
                stack.removeLast()
            }
        }
        for k in 0..<source.andCount {
            let v = firstAnd + k
            let target = resolve(UInt32(v) << 1)
            rebuild.setImage(ofVariable: v, to: built[Int(target >> 1)] ? imageOf(target) : .false)
        }
        return rebuild.finish()
    }
}

