#include <openssl/sha.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/err.h>
#include <openssl/bio.h>
#include <openssl/x509.h>
#include <openssl/objects.h>

/* SHA-256 of one prefix byte followed by `count` bytes, into `out` (32 bytes; may overlap the
   input, which is read before `out` is written). OpenSSL's own SHA-256 on a stack context: no
   allocation and no provider dispatch, where `EVP_Digest` allocates two contexts a call — for
   the Merkle tree's 2 n hashes of 33 and 65 bytes (`SHA256Digest.prefixed`). The functions are
   deprecated in OpenSSL 3 but kept; without them (`no-deprecated` builds) `EVP_Digest` is used. */
static inline int khenthuong_sha256_prefixed(unsigned char prefix, const void *data, size_t count, unsigned char *out) {
#ifndef OPENSSL_NO_DEPRECATED_3_0
    SHA256_CTX c;
    if (!SHA256_Init(&c) || !SHA256_Update(&c, &prefix, 1) || !SHA256_Update(&c, data, count)) return 0;
    return SHA256_Final(out, &c);
#else
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    int ok = ctx != NULL && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) && EVP_DigestUpdate(ctx, &prefix, 1)
             && EVP_DigestUpdate(ctx, data, count) && EVP_DigestFinal_ex(ctx, out, NULL);
    EVP_MD_CTX_free(ctx);
    return ok;
#endif
}
