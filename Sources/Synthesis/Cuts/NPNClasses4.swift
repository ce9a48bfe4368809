/// The NPN classes of the 65,536 functions of four inputs (there are 222),
/// computed at first use in a few milliseconds: each function's class index
/// and the transform that maps the class representative onto it.
struct NPNClasses4: Sendable {
    /// Class representatives, each the smallest truth table of its class, ascending.
    let representatives: [UInt16]
    /// For every truth table, the index of its class in `representatives`.
    let classIndex: [UInt8]
    /// For every truth table `g`, a transform with `transform[g].apply(to: representative) == g`.
    let transform: [NPNTransform4]

    /// The shared table.
    static let shared = NPNClasses4()

    private init() {
        var classIndex = [UInt8](repeating: 0, count: 1 << 16)
        var seen = [Bool](repeating: false, count: 1 << 16)
        var transform = [NPNTransform4](repeating: NPNTransform4(packed: 0), count: 1 << 16)
        var representatives: [UInt16] = []
        let transforms = NPNTransform4.all
        for f in 0..<(1 << 16) where !seen[f] {
            let representative = UInt16(f)
            let index = UInt8(representatives.count)
            representatives.append(representative)
            for t in transforms {
                let g = Int(t.apply(to: representative))
                if !seen[g] {
                    seen[g] = true
                    classIndex[g] = index
                    transform[g] = t
                }
            }
        }
        self.representatives = representatives
        self.classIndex = classIndex
        self.transform = transform
    }
}
