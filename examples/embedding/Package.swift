// swift-tools-version:5.9
// Host programs that embed csi-swift. embedding-demo adds a native procedure and runs a Scheme
// file; sandboxed-host runs untrusted snippets without files, processes or exit, with limits.
//   swift run --package-path examples/embedding embedding-demo examples/embedding/greet.scm
//   swift run --package-path examples/embedding sandboxed-host
import PackageDescription

let package = Package(
    name: "embedding-demo",
    dependencies: [.package(name: "csi-swift", path: "../..")],
    targets: [
        .executableTarget(name: "embedding-demo", dependencies: [
            .product(name: "SchemeCore", package: "csi-swift"),
            .product(name: "TCPPrimitives", package: "csi-swift"),
        ]),
        .executableTarget(name: "sandboxed-host", dependencies: [
            .product(name: "SchemeCore", package: "csi-swift"),
            .product(name: "TCPPrimitives", package: "csi-swift"),
            .product(name: "TLSPrimitives", package: "csi-swift"),
        ]),
    ]
)
