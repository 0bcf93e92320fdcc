// DWARF facts for the trace area (bt args, frame, list, info line/symbol), through libdw/libdwfl
// in-process. Facts only: symbol addresses, line-table rows, variables with their raw location
// expressions and type descriptions, raw memory bytes, and the (ip, cfa) of each frame at the
// moment the vdev bus entered a PMD probe. Evaluating and printing values is TypeScript's job.
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <pthread.h>
#include <sys/uio.h>
#include <unistd.h>
#include <unwind.h>
#include <cstring>
#include <string>
#include <vector>
#include "vdev.h"

namespace vdev {
namespace {
Napi::Value Peek(const Napi::CallbackInfo& info);

// One libdwfl session for the whole addon (symbols.cc owns it): debug info is loaded once.
Dwfl* Session() { return SharedDwfl(); }

Dwfl_Module* OwnModule() { return dwfl_addrmodule(Session(), reinterpret_cast<Dwarf_Addr>(&Peek)); }


// Every FUNC/OBJECT symbol called NAME in this addon (static functions repeat across drivers).
Napi::Value LookupSymbols(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string want = info[0].As<Napi::String>();
  Napi::Array out = Napi::Array::New(env);
  Dwfl_Module* m = OwnModule();
  if (m == nullptr) return out;
  int n = dwfl_module_getsymtab(m);
  uint32_t k = 0;
  for (int i = 0; i < n; i++) {
    GElf_Sym sym;
    GElf_Addr addr;
    const char* name = dwfl_module_getsym_info(m, i, &sym, &addr, nullptr, nullptr, nullptr);
    int type = GELF_ST_TYPE(sym.st_info);
    if (name && want == name && sym.st_value != 0 && (type == STT_FUNC || type == STT_OBJECT)) {
      Napi::Object o = Napi::Object::New(env);
      o.Set("addr", Big(env, addr));
      o.Set("size", static_cast<double>(sym.st_size));
      o.Set("func", type == STT_FUNC);
      out.Set(k++, o);
    }
  }
  return out;
}

// Symbol of an address with its offset, module and the ELF section holding it (gdb's `info symbol`).
Napi::Value SymbolAt(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Dwarf_Addr addr = U64(info[0]);
  Dwfl_Module* m = dwfl_addrmodule(Session(), addr);
  if (m == nullptr) return env.Null();
  GElf_Off off = 0;
  GElf_Sym sym;
  Elf* elf = nullptr;
  const char* fn = dwfl_module_addrinfo(m, addr, &off, &sym, nullptr, &elf, nullptr);
  if (fn == nullptr) return env.Null();
  Napi::Object o = Napi::Object::New(env);
  o.Set("fn", fn);
  o.Set("offset", static_cast<double>(off));
  o.Set("size", static_cast<double>(sym.st_size));
  const char* modname = dwfl_module_info(m, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr);
  if (modname) o.Set("module", modname);
  Dwarf_Addr bias = 0;
  Elf* e = dwfl_module_getelf(m, &bias);
  size_t shstrndx;
  if (e != nullptr && elf_getshdrstrndx(e, &shstrndx) == 0) {
    Elf_Scn* scn = nullptr;
    GElf_Addr rel = addr - bias;
    while ((scn = elf_nextscn(e, scn)) != nullptr) {
      GElf_Shdr sh;
      if (gelf_getshdr(scn, &sh) && (sh.sh_flags & SHF_ALLOC) && rel >= sh.sh_addr && rel < sh.sh_addr + sh.sh_size) {
        const char* sn = elf_strptr(e, shstrndx, sh.sh_name);
        if (sn) o.Set("section", sn);
        break;
      }
    }
  }
  return o;
}

// The compile unit that covers ADDR in the addon's dwfl session (bias: its load bias), or null.
Dwarf_Die* CuAt(Dwarf_Addr addr, Dwarf_Addr* bias) {
  Dwfl_Module* m = dwfl_addrmodule(Session(), addr);
  return m == nullptr ? nullptr : dwfl_module_addrdie(m, addr, bias);
}

// The line-table row that covers ADDR: its file, line, and the address range until the next row
// with a different address (gdb's `info line`: "starts at address ... and ends at ...").
Napi::Value LineRange(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Dwarf_Addr addr = U64(info[0]);
  Dwarf_Addr bias = 0;
  Dwarf_Die* cu = CuAt(addr, &bias);
  if (cu == nullptr) return env.Null();
  Dwarf_Lines* lines;
  size_t n;
  if (dwarf_getsrclines(cu, &lines, &n) != 0) return env.Null();
  Dwarf_Addr rel = addr - bias, best = 0;
  Dwarf_Line* hit = nullptr;
  size_t hit_i = 0;
  for (size_t i = 0; i < n; i++) {
    Dwarf_Line* l = dwarf_onesrcline(lines, i);
    Dwarf_Addr a;
    bool end = false;
    dwarf_lineendsequence(l, &end);
    if (dwarf_lineaddr(l, &a) != 0 || end) continue;
    if (a <= rel && (hit == nullptr || a >= best)) { hit = l; best = a; hit_i = i; }
  }
  if (hit == nullptr) return env.Null();
  int lineno = 0;
  dwarf_lineno(hit, &lineno);
  Dwarf_Addr endaddr = best;
  for (size_t i = hit_i + 1; i < n; i++) {
    Dwarf_Addr a;
    if (dwarf_lineaddr(dwarf_onesrcline(lines, i), &a) == 0 && a > best) { endaddr = a; break; }
  }
  Napi::Object o = Napi::Object::New(env);
  const char* src = dwarf_linesrc(hit, nullptr, nullptr);
  if (src) o.Set("file", src);
  o.Set("line", lineno);
  o.Set("start", Big(env, best + bias));
  o.Set("end", Big(env, endaddr + bias));
  return o;
}

// Line-table rows for FILE (a base name: every file of that name) at LINE, or at the nearest
// following line that has code: [{addr, file, line}] (gdb's `info line FILE:LINE`).
Napi::Value LineAddrs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string file = info[0].As<Napi::String>();
  int want = info[1].As<Napi::Number>().Int32Value();
  Napi::Array out = Napi::Array::New(env);
  Dwfl_Module* m = OwnModule();
  Dwfl_Line** lines = nullptr;
  size_t n = 0;
  if (m == nullptr || dwfl_module_getsrc_file(m, file.c_str(), want, 0, &lines, &n) != 0) return out;
  for (size_t i = 0; i < n; i++) {
    Dwarf_Addr addr;
    int lineno = 0;
    const char* src = dwfl_lineinfo(lines[i], &addr, &lineno, nullptr, nullptr, nullptr);
    Napi::Object o = Napi::Object::New(env);
    o.Set("addr", Big(env, addr));
    if (src) o.Set("file", src);
    o.Set("line", lineno);
    out.Set(static_cast<uint32_t>(i), o);
  }
  free(lines);
  return out;
}

Napi::Value TypeDesc(Napi::Env env, Dwarf_Die* die, int depth);

Napi::Value TypeOf(Napi::Env env, Dwarf_Die* die, int depth) {
  Dwarf_Attribute attr;
  Dwarf_Die type;
  if (dwarf_attr_integrate(die, DW_AT_type, &attr) == nullptr || dwarf_formref_die(&attr, &type) == nullptr) {
    Napi::Object v = Napi::Object::New(env);
    v.Set("tag", "void");
    return v;
  }
  return TypeDesc(env, &type, depth);
}

// {tag, name?, size?, enc?, die, target?, count?, enumerators?}: enough to read and print a value.
Napi::Value TypeDesc(Napi::Env env, Dwarf_Die* die, int depth) {
  Napi::Object o = Napi::Object::New(env);
  int tag = dwarf_tag(die);
  const char* name = dwarf_diename(die);
  if (name) o.Set("name", name);
  o.Set("die", static_cast<double>(dwarf_dieoffset(die)));
  Dwarf_Word size;
  if (dwarf_aggregate_size(die, &size) == 0) o.Set("size", static_cast<double>(size));
  Dwarf_Attribute attr;
  switch (tag) {
    case DW_TAG_base_type: {
      Dwarf_Word enc = 0;
      if (dwarf_attr(die, DW_AT_encoding, &attr)) dwarf_formudata(&attr, &enc);
      o.Set("tag", "base");
      o.Set("enc", static_cast<double>(enc));
      return o;
    }
    case DW_TAG_pointer_type:
    case DW_TAG_reference_type: o.Set("tag", tag == DW_TAG_pointer_type ? "pointer" : "reference"); break;
    case DW_TAG_typedef: o.Set("tag", "typedef"); break;
    case DW_TAG_const_type: o.Set("tag", "const"); break;
    case DW_TAG_volatile_type: o.Set("tag", "volatile"); break;
    case DW_TAG_structure_type: o.Set("tag", "struct"); return o;
    case DW_TAG_union_type: o.Set("tag", "union"); return o;
    case DW_TAG_class_type: o.Set("tag", "class"); return o;
    case DW_TAG_subroutine_type: o.Set("tag", "function"); return o;
    case DW_TAG_enumeration_type: {
      o.Set("tag", "enum");
      Napi::Array en = Napi::Array::New(env);
      Dwarf_Die c;
      uint32_t k = 0;
      if (dwarf_child(die, &c) == 0) {
        do {
          if (dwarf_tag(&c) != DW_TAG_enumerator) continue;
          Dwarf_Sword v = 0;
          if (dwarf_attr(&c, DW_AT_const_value, &attr)) dwarf_formsdata(&attr, &v);
          Napi::Array pair = Napi::Array::New(env, 2);
          pair.Set(0u, dwarf_diename(&c) ? dwarf_diename(&c) : "");
          pair.Set(1u, static_cast<double>(v));
          en.Set(k++, pair);
        } while (dwarf_siblingof(&c, &c) == 0);
      }
      o.Set("enumerators", en);
      return o;
    }
    case DW_TAG_array_type: {
      o.Set("tag", "array");
      Dwarf_Die sub;
      if (dwarf_child(die, &sub) == 0 && dwarf_tag(&sub) == DW_TAG_subrange_type) {
        Dwarf_Word ub;
        if (dwarf_attr(&sub, DW_AT_upper_bound, &attr) && dwarf_formudata(&attr, &ub) == 0) o.Set("count", static_cast<double>(ub + 1));
        else if (dwarf_attr(&sub, DW_AT_count, &attr) && dwarf_formudata(&attr, &ub) == 0) o.Set("count", static_cast<double>(ub));
      }
      break;
    }
    default: o.Set("tag", "other"); return o;
  }
  if (depth < 6) o.Set("target", TypeOf(env, die, depth + 1));
  return o;
}

Napi::Array Ops(Napi::Env env, Dwarf_Op* ops, size_t n) {
  Napi::Array arr = Napi::Array::New(env, n);
  for (size_t i = 0; i < n; i++) {
    Napi::Object op = Napi::Object::New(env);
    op.Set("op", ops[i].atom);
    op.Set("n1", Big(env, ops[i].number));
    op.Set("n2", Big(env, ops[i].number2));
    arr.Set(i, op);
  }
  return arr;
}

// Parameters and locals in scope at PC with their location expressions at that PC; null when the
// address has no DWARF subprogram. `bias` is to be added to DW_OP_addr operands.
Napi::Value FrameVars(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Dwarf_Addr pc = U64(info[0]);
  Dwarf_Addr bias = 0;
  Dwarf_Die* cu = CuAt(pc, &bias);
  if (cu == nullptr) return env.Null();
  Dwarf_Die* scopes = nullptr;
  int ns = dwarf_getscopes(cu, pc - bias, &scopes);
  if (ns <= 0) return env.Null();
  Napi::Object o = Napi::Object::New(env);
  o.Set("bias", Big(env, bias));
  Napi::Array vars = Napi::Array::New(env);
  uint32_t k = 0;
  bool found = false;
  for (int s = 0; s < ns && !found; s++) {
    int stag = dwarf_tag(&scopes[s]);
    bool fn = stag == DW_TAG_subprogram;
    if (fn) {
      found = true;
      if (dwarf_diename(&scopes[s])) o.Set("fn", dwarf_diename(&scopes[s]));
      Dwarf_Attribute fb;
      Dwarf_Op* ops;
      size_t nops;
      if (dwarf_attr(&scopes[s], DW_AT_frame_base, &fb) && dwarf_getlocation_addr(&fb, pc - bias, &ops, &nops, 1) == 1)
        o.Set("frameBase", Ops(env, ops, nops));
    } else if (stag != DW_TAG_lexical_block) {
      continue;
    }
    Dwarf_Die c;
    if (dwarf_child(&scopes[s], &c) != 0) continue;
    do {
      int t = dwarf_tag(&c);
      if (t != DW_TAG_formal_parameter && t != DW_TAG_variable) continue;
      Napi::Object v = Napi::Object::New(env);
      v.Set("name", dwarf_diename(&c) ? dwarf_diename(&c) : "");
      v.Set("kind", t == DW_TAG_formal_parameter ? "param" : "local");
      v.Set("depth", s);
      Dwarf_Attribute la;
      Dwarf_Op* ops;
      size_t nops;
      if (dwarf_attr_integrate(&c, DW_AT_location, &la) && dwarf_getlocation_addr(&la, pc - bias, &ops, &nops, 1) == 1)
        v.Set("loc", Ops(env, ops, nops));
      v.Set("type", TypeOf(env, &c, 0));
      vars.Set(k++, v);
    } while (dwarf_siblingof(&c, &c) == 0);
  }
  free(scopes);
  if (!found) return env.Null();
  o.Set("vars", vars);
  return o;
}

// Members of the struct/union type at DIE offset, anonymous struct/union members flattened in.
void Members(Napi::Env env, Dwarf_Die* die, uint64_t base, Napi::Array& out, uint32_t& k) {
  Dwarf_Die c;
  if (dwarf_child(die, &c) != 0) return;
  do {
    if (dwarf_tag(&c) != DW_TAG_member) continue;
    Dwarf_Attribute attr;
    Dwarf_Word loc = 0;
    if (dwarf_attr(&c, DW_AT_data_member_location, &attr)) dwarf_formudata(&attr, &loc);
    const char* n = dwarf_diename(&c);
    Dwarf_Die type;
    if (n == nullptr && dwarf_attr_integrate(&c, DW_AT_type, &attr) && dwarf_formref_die(&attr, &type)) {
      Members(env, &type, base + loc, out, k);
      continue;
    }
    Napi::Object o = Napi::Object::New(env);
    o.Set("name", n ? n : "");
    o.Set("offset", static_cast<double>(base + loc));
    o.Set("type", TypeOf(env, &c, 0));
    out.Set(k++, o);
  } while (dwarf_siblingof(&c, &c) == 0);
}

Napi::Value TypeMembers(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Dwfl_Module* m = OwnModule();
  Dwarf_Addr bias;
  Dwarf* dw = m ? dwfl_module_getdwarf(m, &bias) : nullptr;
  Dwarf_Die die;
  if (dw == nullptr || dwarf_offdie(dw, static_cast<Dwarf_Off>(info[0].As<Napi::Number>().Int64Value()), &die) == nullptr) return env.Null();
  // A declaration-only struct (opaque in this CU) has no members: the caller may look it up by name.
  Napi::Array out = Napi::Array::New(env);
  uint32_t k = 0;
  Members(env, &die, 0, out, k);
  return out;
}

// Raw bytes of this process's memory, or null when unreadable (never faults).
Napi::Value Peek(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint64_t addr = U64(info[0]);
  size_t len = info[1].As<Napi::Number>().Uint32Value();
  std::vector<uint8_t> buf(len);
  size_t got = GuardedCopy(buf.data(), addr, len);
  if (got == 0) return env.Null();
  return Napi::Buffer<uint8_t>::Copy(env, buf.data(), got);
}

}  // namespace

void InitDwarf(Napi::Env env, Napi::Object exports) {
  exports.Set("lookupSymbols", Napi::Function::New(env, LookupSymbols));
  exports.Set("symbolAt", Napi::Function::New(env, SymbolAt));
  exports.Set("lineRange", Napi::Function::New(env, LineRange));
  exports.Set("lineAddrs", Napi::Function::New(env, LineAddrs));
  exports.Set("frameVars", Napi::Function::New(env, FrameVars));
  exports.Set("typeMembers", Napi::Function::New(env, TypeMembers));
  exports.Set("peek", Napi::Function::New(env, Peek));
}

}  // namespace vdev
