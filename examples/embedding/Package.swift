// swift-tools-version:5.9
// A host program that embeds csi-swift: it adds a native procedure and runs a Scheme file.
//   swift run --package-path examples/embedding embedding-demo examples/embedding/greet.scm
import PackageDescription

let package = Package(
    name: "embedding-demo",
    dependencies: [.package(name: "csi-swift", path: "../..")],
    targets: [
        .executableTarget(name: "embedding-demo", dependencies: [
            .product(name: "SchemeCore", package: "csi-swift"),
            .product(name: "TCPPrimitives", package: "csi-swift"),
        ]),
    ]
)
