import Foundation
import Testing
@testable import KhenThuongStore

/// Ed25519 keys through OpenSSL: signatures, key texts, PEM files and the errors a person meets.
@Suite struct SigningTests {
    static func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            out.append(UInt8(hex[i..<j], radix: 16)!)
            i = j
        }
        return out
    }

    static func temporaryPath(_ name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("khenthuong-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name).path
    }

    /// An RSA key made once with `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024`.
    static let rsaPEM = """
        -----BEGIN PRIVATE KEY-----
        MIICeAIBADANBgkqhkiG9w0BAQEFAASCAmIwggJeAgEAAoGBAN5FY0Y8wRPDNbtn
        FwBWi7kFpC3GdSssOEP1PedodWNJAcQ696KJzyHB9mA9Th82QsVG+g1ERKol2LG7
        J5zcFftYlZM4NvHL807hAaJADAhWDMurTX76Kbkhh40+RK9+C1NX9ChlD0QB9Sw/
        Nyj69m8xgKomFTgfTXJEDc9nx5YZAgMBAAECgYEAhadTurhtoWSQus+SlTF1cxxh
        TOU5L2y3qKWfQ7ccX0dXOJf8sFANrU7kx5oVj88g919mnPOgFnALjVPszfXJgOsT
        bp9IYEn1M8hKe+nAYdgrAtet4jguCG52MCUajPvg4sQANe/WSsaK7lfJ9FyxFHuP
        YBycWauKkVWiCrGjwAECQQD1osREpbR05e5ywojkZFVyyLN+d5yQijvEnuTYu0Rd
        h76hCJ17MzKKPY6vQl4OU8ZK/sdpi0ev3FieAfrLiZKZAkEA56Y/L+j3X9nxIQgW
        oMxQTHjS1LDsChoiBiEa95rDOZOzPZrSbDkGKK/kbjnvx357Sxg1ZLvkiPurk6CQ
        ZyPPgQJAUJkXzW6Rx8mqc/1g7Y/+eathOh4FQWgaNGnurS7FP+tKoYwyIDqsWq/Y
        IamlMw5KAlGXHQqWex3R9gawRBjgAQJBAOH0gbID9jgi6FemAhx67uCJAm3A3ZzE
        /Ocpp5pZ9Y/WCIJQ4Gv7+4v4dkMmdEMNlsobJQnLVRJhGm13syNIBQECQQCYO/vD
        HqdX+spL/5S7SpPt3f9YmlLhpRvfDWnD7ic+8VlZhEM9YTFOEsK33HCn1xTKpNGj
        3CoCBwplM9Uy5CsK
        -----END PRIVATE KEY-----

        """

    @Test("RFC 8032 test vector 1: the secret key gives the published public key and signature")
    func knownAnswer() throws {
        let key = try PrivateKey(rawEd25519Seed: Self.bytes("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))
        #expect(key.publicKey.raw == Self.bytes("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"))
        let signature = try key.sign([])
        #expect(signature == Self.bytes("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"))
        #expect(key.publicKey.verify(signature: signature, message: []))
    }

    @Test("A signature verifies; a flipped signature or message byte does not")
    func roundTrip() throws {
        let key = try PrivateKey.generate()
        let message = Array("Quyết định khen thưởng số 12/QĐ-LĐLĐ".utf8)
        let signature = try key.sign(message)
        #expect(signature.count == 64)
        #expect(key.publicKey.verify(signature: signature, message: message))
        var badSignature = signature
        badSignature[10] ^= 0x01
        #expect(!key.publicKey.verify(signature: badSignature, message: message))
        var badMessage = message
        badMessage[0] ^= 0x01
        #expect(!key.publicKey.verify(signature: signature, message: badMessage))
        #expect(!key.publicKey.verify(signature: Array(signature.dropLast()), message: message))
        #expect(!(try PrivateKey.generate()).publicKey.verify(signature: signature, message: message))
        #expect(!PublicKey(algorithm: .ed25519, raw: [1, 2, 3]).verify(signature: signature, message: message))
    }

    @Test("A public key reads back from its text and from PEM; the id is the first 16 hex digits of SHA-256")
    func publicKeyText() throws {
        let key = try PrivateKey.generate().publicKey
        #expect(key.text.hasPrefix("ed25519:"))
        #expect(try PublicKey(text: key.text) == key)
        #expect(try PublicKey(text: "  \(key.text)\n") == key)
        let pem = try key.pem()
        #expect(pem.hasPrefix("-----BEGIN PUBLIC KEY-----"))
        #expect(try PublicKey(text: pem) == key)
        #expect(key.id == String(SHA256Digest.hex(key.raw).prefix(16)))
        let rfc = try PublicKey(text: "ed25519:" + Data(Self.bytes("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")).base64EncodedString())
        #expect(rfc.id.count == 16)
        for bad in ["", "ed25519", "ed25519:", "ed25519:AAAA", "rsa:" + Data(key.raw).base64EncodedString(), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"] {
            #expect(throws: SigningError.self) { try PublicKey(text: bad) }
        }
    }

    @Test("A private key reads back from PEM, with and without a passphrase")
    func pemRoundTrip() throws {
        let key = try PrivateKey.generate()
        let plain = try key.pem(passphrase: nil)
        #expect(plain.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        #expect(try PrivateKey.load(pem: plain, passphrase: nil).publicKey == key.publicKey)
        #expect(try PrivateKey.load(pem: plain, passphrase: "ignored").publicKey == key.publicKey)
        let encrypted = try key.pem(passphrase: "mật khẩu dài")
        #expect(encrypted.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----"))
        #expect(try PrivateKey.load(pem: encrypted, passphrase: "mật khẩu dài").publicKey == key.publicKey)
        #expect(try PrivateKey.load(pem: "# Họ và tên: Nguyễn Thị Hoa\n" + encrypted, passphrase: "mật khẩu dài").publicKey == key.publicKey)
    }

    @Test("Each way a key fails to load has its own error")
    func loadErrors() throws {
        let key = try PrivateKey.generate()
        let encrypted = try key.pem(passphrase: "đúng")
        #expect(throws: SigningError.wrongPassphrase) { try PrivateKey.load(pem: encrypted, passphrase: "sai") }
        for attempt in 0..<20 {
            #expect(throws: SigningError.wrongPassphrase, "attempt \(attempt)") { try PrivateKey.load(pem: encrypted, passphrase: "sai \(attempt)") }
        }
        #expect(throws: SigningError.passphraseRequired) { try PrivateKey.load(pem: encrypted, passphrase: nil) }
        #expect(throws: SigningError.passphraseRequired) { try PrivateKey.load(pem: encrypted, passphrase: "") }
        #expect(throws: SigningError.publicKeyGiven) { try PrivateKey.load(pem: try key.publicKey.pem(), passphrase: nil) }
        #expect(throws: SigningError.unsupportedAlgorithm(name: "RSA")) { try PrivateKey.load(pem: Self.rsaPEM, passphrase: nil) }
        let plain = try key.pem(passphrase: nil)
        for broken in [String(plain.prefix(plain.count / 2)), plain.replacingOccurrences(of: "A", with: "*"), "", "không phải khóa"] {
            #expect {
                try PrivateKey.load(pem: broken, passphrase: nil)
            } throws: { error in
                if case SigningError.malformedKey = error { return true }
                return false
            }
        }
        let truncatedEncrypted = String(encrypted.prefix(encrypted.count - 40))
        #expect {
            try PrivateKey.load(pem: truncatedEncrypted, passphrase: "đúng")
        } throws: { error in
            if case SigningError.malformedKey = error { return true }
            return false
        }
    }

    @Test("A key file is written 0600, with the name line, and never over an existing file")
    func keyFile() throws {
        let path = try Self.temporaryPath("khoa.pem")
        let key = try PrivateKey.generate()
        try KeyFile.write(key, name: "Nguyễn Thị Hoa", passphrase: "bí mật", to: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("# Họ và tên: Nguyễn Thị Hoa\n-----BEGIN ENCRYPTED PRIVATE KEY-----"))
        #expect(KeyFile.isEncrypted(path))
        let read = try KeyFile.read(path, passphrase: "bí mật")
        #expect(read.key.publicKey == key.publicKey)
        #expect(read.name == "Nguyễn Thị Hoa")
        #expect(!read.loosePermissions)

        #expect(throws: SigningError.fileExists(path: path)) { try KeyFile.write(try PrivateKey.generate(), name: nil, passphrase: nil, to: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)

        chmod(path, 0o644)
        #expect(try KeyFile.read(path, passphrase: "bí mật").loosePermissions)

        let plainPath = try Self.temporaryPath("khoa-khong-ma-hoa.pem")
        try KeyFile.write(key, name: nil, passphrase: nil, to: plainPath)
        #expect(!KeyFile.isEncrypted(plainPath))
        #expect(try KeyFile.read(plainPath, passphrase: nil).name == nil)

        let missing = try Self.temporaryPath("khong-co.pem")
        #expect {
            try KeyFile.read(missing, passphrase: nil)
        } throws: { error in
            if case SigningError.unreadableFile(let p, _) = error { return p == missing }
            return false
        }
        #expect {
            try KeyFile.write(key, name: nil, passphrase: nil, to: missing + "/no/such/folder.pem")
        } throws: { error in
            if case SigningError.unwritableFile = error { return true }
            return false
        }
    }

    @Test("One public key verifies from two threads at once, each result right")
    func concurrentVerify() async throws {
        let key = try PrivateKey.generate()
        let publicKey = key.publicKey
        let messages = (0..<200).map { Array("thông điệp \($0)".utf8) }
        let signatures = try messages.map { try key.sign($0) }
        let results = await withTaskGroup(of: Int.self) { group in
            for worker in 0..<2 {
                group.addTask {
                    var right = 0
                    for round in 0..<5 {
                        for i in messages.indices {
                            // Every other check uses a signature of another message: it must fail.
                            let other = (i + 1 + worker + round) % messages.count
                            if publicKey.verify(signature: signatures[i], message: messages[i]) { right += 1 }
                            if !publicKey.verify(signature: signatures[other], message: messages[i]) { right += 1 }
                        }
                    }
                    return right
                }
            }
            return await group.reduce(0, +)
        }
        #expect(results == 2 * 5 * messages.count * 2)
    }
}
