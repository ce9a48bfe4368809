// swift-tools-version: 6.0
// A stand-alone measuring tool for the rewriting and refactoring passes
// (see ../measure-rewrite.sh); it depends on the GateLM package two levels up.
import PackageDescription

let package = Package(
    name: "measure-rewrite",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "GateLM", path: "../..")],
    targets: [
        .executableTarget(
            name: "measure-rewrite",
            dependencies: [
                .product(name: "Circuits", package: "GateLM"),
                .product(name: "Synthesis", package: "GateLM"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
