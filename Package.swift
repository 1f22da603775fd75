// swift-tools-version:5.9
import PackageDescription

let package = Package(
    name: "csi-swift",
    products: [
        .library(name: "SchemeCore", targets: ["SchemeCore"]),
        .library(name: "TCPPrimitives", targets: ["TCPPrimitives"]),
        .library(name: "TLSPrimitives", targets: ["TLSPrimitives"]),
        .executable(name: "csi-swift", targets: ["csi-swift"]),
    ],
    dependencies: [],
    targets: [
        .target(name: "SchemeCore", dependencies: ["CSystem", "CPCRE2"],
                exclude: ["Prelude/prelude.scm", "Prelude/irregex.scm", "Prelude/pathname.scm", "Prelude/process.scm", "Prelude/file.scm", "Prelude/extras.scm",
                          "Prelude/srfi-1.scm", "Prelude/srfi-13.scm", "Prelude/locative.scm"]),
        .target(name: "TCPPrimitives", dependencies: ["SchemeCore", "CSystem"]),
        .target(name: "TLSPrimitives", dependencies: ["SchemeCore", "CTLS"]),
        .target(name: "CSystem"),
        // OpenSSL (libssl-dev, installed by scripts/deps.sh) behind a small C shim that loads
        // libssl on first use.
        .target(name: "CTLS"),
        .systemLibrary(name: "CPCRE2", path: "Sources/CPCRE2", providers: [.apt(["libpcre2-dev"])]),
        .systemLibrary(name: "CReadline", path: "Sources/CReadline", providers: [.apt(["libreadline-dev"])]),
        .executableTarget(name: "csi-swift", dependencies: ["SchemeCore", "TCPPrimitives", "TLSPrimitives", "CSystem", "CReadline"]),
        .testTarget(name: "SchemeCoreTests", dependencies: ["SchemeCore", "CSystem"]),
        .testTarget(name: "TCPPrimitivesTests", dependencies: ["TCPPrimitives", "SchemeCore"]),
        .testTarget(name: "TLSPrimitivesTests", dependencies: ["TLSPrimitives", "TCPPrimitives", "SchemeCore"],
                    exclude: ["make-certs.sh"]),
        .testTarget(name: "CLITests", dependencies: ["csi-swift"], exclude: ["pty/drive.py"]),
        .testTarget(name: "FuzzTests", dependencies: ["SchemeCore"]),
    ]
)
