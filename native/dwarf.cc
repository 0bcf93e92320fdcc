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
#include <algorithm>
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
  uint32_t k = 0;
  for (const NamedSymbol& h : *IndexedSymbols(m, want)) {
    Napi::Object o = Napi::Object::New(env);
    o.Set("addr", Big(env, h.addr));
    o.Set("size", static_cast<double>(h.size));
    o.Set("func", h.func);
    out.Set(k++, o);
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

// The DWARF scopes that contain PC, innermost first (lexical blocks, inlined subroutines, the
// subprogram), with its compile unit and module bias; the caller frees *scopes. <= 0: none.
int ScopesAt(Dwarf_Addr pc, Dwarf_Addr* bias, Dwarf_Die** cu, Dwarf_Die** scopes) {
  *cu = CuAt(pc, bias);
  if (*cu == nullptr) return 0;
  return dwarf_getscopes(*cu, pc - *bias, scopes);
}

// A function's or inlined block's entry: DW_AT_entry_pc or low_pc, else (a function gcc split
// into hot and cold parts has only DW_AT_ranges) where its first range starts (gdb's
// BLOCK_ENTRY_PC).
bool EntryPc(Dwarf_Die* die, Dwarf_Addr* entry) {
  Dwarf_Addr base, end;
  return dwarf_entrypc(die, entry) == 0 || dwarf_ranges(die, 0, &base, entry, &end) > 0;
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
  // Of several rows at one address the last is_stmt one is the line (gdb's find_pc_sect_line):
  // an optimized function's first address often carries its `{`, a statement and a non-stmt row.
  for (size_t i = hit_i; ; i--) {
    Dwarf_Line* l = dwarf_onesrcline(lines, i);
    Dwarf_Addr a;
    bool stmt = false;
    if (dwarf_lineaddr(l, &a) != 0 || a != best) break;
    dwarf_linebeginstatement(l, &stmt);
    if (stmt) { hit = l; break; }
    if (i == 0) break;
  }
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
    // DW_OP_entry_value / DW_OP_GNU_entry_value: number is the sub-expression's length and
    // number2 points at its bytes (libdw); the bytes themselves go to JS, which decodes them.
    if ((ops[i].atom == DW_OP_entry_value || ops[i].atom == DW_OP_GNU_entry_value) && ops[i].number2 != 0) {
      const uint8_t* b = reinterpret_cast<const uint8_t*>(static_cast<uintptr_t>(ops[i].number2));
      op.Set("block", Napi::Buffer<uint8_t>::Copy(env, b, static_cast<size_t>(ops[i].number)));
    }
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
  Dwarf_Die* cu = nullptr;
  Dwarf_Die* scopes = nullptr;
  int ns = ScopesAt(pc, &bias, &cu, &scopes);
  if (ns <= 0) return env.Null();
  Napi::Object o = Napi::Object::New(env);
  o.Set("bias", Big(env, bias));
  Napi::Array vars = Napi::Array::New(env);
  uint32_t k = 0;
  bool found = false;
  Dwarf_Addr entry_pc = 0;
  std::vector<std::pair<Dwarf_Die, Napi::Object>> params;
  auto add = [&](Dwarf_Die* c, int s) {
    int t = dwarf_tag(c);
    Napi::Object v = Napi::Object::New(env);
    Dwarf_Attribute na;
    const char* vname = dwarf_formstring(dwarf_attr_integrate(c, DW_AT_name, &na));
    v.Set("name", vname ? vname : "");
    v.Set("kind", t == DW_TAG_formal_parameter ? "param" : "local");
    v.Set("depth", s);
    Dwarf_Attribute la;
    Dwarf_Op* ops;
    size_t nops;
    if (dwarf_attr_integrate(c, DW_AT_location, &la) && dwarf_getlocation_addr(&la, pc - bias, &ops, &nops, 1) == 1)
      v.Set("loc", Ops(env, ops, nops));
    v.Set("type", TypeOf(env, c, 0));
    if (t == DW_TAG_formal_parameter) params.emplace_back(*c, v);
    vars.Set(k++, v);
  };
  for (int s = 0; s < ns && !found; s++) {
    int stag = dwarf_tag(&scopes[s]);
    bool fn = stag == DW_TAG_subprogram;
    if (fn) {
      found = true;
      Dwarf_Attribute na;
      const char* fname = dwarf_formstring(dwarf_attr_integrate(&scopes[s], DW_AT_name, &na));
      if (fname) o.Set("fn", fname);
      Dwarf_Addr entry = 0;
      if (EntryPc(&scopes[s], &entry)) {
        o.Set("entry", Big(env, entry + bias));
        entry_pc = entry;
      }
      Dwarf_Attribute fb;
      Dwarf_Op* ops;
      size_t nops;
      if (dwarf_attr(&scopes[s], DW_AT_frame_base, &fb) && dwarf_getlocation_addr(&fb, pc - bias, &ops, &nops, 1) == 1)
        o.Set("frameBase", Ops(env, ops, nops));
    } else if (stag != DW_TAG_lexical_block) {
      continue;
    }
    Dwarf_Die c;
    std::vector<Dwarf_Off> covered;  // abstract DIEs a concrete child stands for
    if (dwarf_child(&scopes[s], &c) == 0) {
      do {
        int t = dwarf_tag(&c);
        if (t != DW_TAG_formal_parameter && t != DW_TAG_variable) continue;
        Dwarf_Attribute ao;
        Dwarf_Die origin;
        if (dwarf_attr(&c, DW_AT_abstract_origin, &ao) && dwarf_formref_die(&ao, &origin)) covered.push_back(dwarf_dieoffset(&origin));
        add(&c, s);
      } while (dwarf_siblingof(&c, &c) == 0);
    }
    // An out-of-line copy of an inlined or cloned function (f.part.0) lists only what it changed;
    // the rest (a static such as __func__, a variable optimized away) is in the abstract
    // instance, and gdb shows it too, after the concrete ones.
    Dwarf_Attribute ao;
    Dwarf_Die abstract;
    if (fn && dwarf_attr(&scopes[s], DW_AT_abstract_origin, &ao) && dwarf_formref_die(&ao, &abstract) && dwarf_child(&abstract, &c) == 0) {
      do {
        int t = dwarf_tag(&c);
        if ((t != DW_TAG_formal_parameter && t != DW_TAG_variable) ||
            std::find(covered.begin(), covered.end(), dwarf_dieoffset(&c)) != covered.end()) continue;
        add(&c, s);
      } while (dwarf_siblingof(&c, &c) == 0);
    }
  }
  // Where each parameter was on entry (gdb's NAME@entry): the location list at the function's
  // entry pc, usually the ABI register the caller passed it in.
  for (auto& [die, v] : params) {
    Dwarf_Attribute la;
    Dwarf_Op* ops;
    size_t nops;
    if (entry_pc != 0 && dwarf_attr_integrate(&die, DW_AT_location, &la) && dwarf_getlocation_addr(&la, entry_pc, &ops, &nops, 1) == 1)
      v.Set("entryLoc", Ops(env, ops, nops));
  }
  free(scopes);
  if (!found) return env.Null();
  o.Set("vars", vars);
  return o;
}

// The functions gcc inlined at PC, outermost first, under the function that holds PC: each with
// the file and line of its call (DW_AT_call_file/call_line), which is where gdb says its caller
// frame is, and its entry (a stop exactly there is shown by gdb at the call line: bt's frame #0).
// Found by walking the compile unit's tree down the blocks that contain PC.
// {fn, inlines: [{fn, entry, callFile, callLine}]} or null when PC has no DWARF function.
Napi::Value InlineChain(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Dwarf_Addr pc = U64(info[0]);
  Dwarf_Addr bias = 0;
  Dwarf_Die* cu = CuAt(pc, &bias);
  if (cu == nullptr) return env.Null();
  Dwarf_Addr rel = pc - bias;
  Dwarf_Die cur, c;
  bool found = false;
  if (dwarf_child(cu, &c) == 0) {
    do {
      if (dwarf_tag(&c) == DW_TAG_subprogram && dwarf_haspc(&c, rel) > 0) { cur = c; found = true; break; }
    } while (dwarf_siblingof(&c, &c) == 0);
  }
  if (!found) return env.Null();
  Napi::Object o = Napi::Object::New(env);
  Dwarf_Attribute na;
  const char* fname = dwarf_formstring(dwarf_attr_integrate(&cur, DW_AT_name, &na));
  if (fname) o.Set("fn", fname);
  Napi::Array inlines = Napi::Array::New(env);
  uint32_t k = 0;
  Dwarf_Files* files = nullptr;
  size_t nfiles = 0;
  dwarf_getsrcfiles(cu, &files, &nfiles);
  for (bool deeper = true; deeper;) {
    deeper = false;
    if (dwarf_child(&cur, &c) != 0) break;
    do {
      int t = dwarf_tag(&c);
      if ((t != DW_TAG_lexical_block && t != DW_TAG_inlined_subroutine) || dwarf_haspc(&c, rel) <= 0) continue;
      if (t == DW_TAG_inlined_subroutine) {
        Napi::Object in = Napi::Object::New(env);
        const char* n = dwarf_formstring(dwarf_attr_integrate(&c, DW_AT_name, &na));
        in.Set("fn", n ? n : "??");
        Dwarf_Addr entry = 0;
        if (EntryPc(&c, &entry)) in.Set("entry", Big(env, entry + bias));
        Dwarf_Attribute a;
        Dwarf_Word file = 0, line = 0;
        if (dwarf_attr(&c, DW_AT_call_line, &a) && dwarf_formudata(&a, &line) == 0) in.Set("callLine", static_cast<double>(line));
        if (files && dwarf_attr(&c, DW_AT_call_file, &a) && dwarf_formudata(&a, &file) == 0 && file < nfiles) {
          const char* f = dwarf_filesrc(files, file, nullptr, nullptr);
          if (f) in.Set("callFile", f);
        }
        inlines.Set(k++, in);
      }
      cur = c;
      deeper = true;
      break;
    } while (dwarf_siblingof(&c, &c) == 0);
  }
  o.Set("inlines", inlines);
  return o;
}

// The tail calls (DW_AT_call_tail_call sites) in the function whose entry is ENTRY: the callee's
// name and the address of the jump. gdb rebuilds a frame for a function that tail-called the
// next one (its own frame is gone) when the call sites say so uniquely.
// [{callee, ret}] where ret is the address after the jump.
void TailCallsIn(Napi::Env env, Dwarf_Die* die, Dwarf_Addr bias, Napi::Array& out, uint32_t& k) {
  Dwarf_Die c;
  if (dwarf_child(die, &c) != 0) return;
  do {
    int t = dwarf_tag(&c);
    if (t == DW_TAG_call_site || t == DW_TAG_GNU_call_site) {
      Dwarf_Attribute a;
      bool tail = false;
      if ((dwarf_attr(&c, DW_AT_call_tail_call, &a) || dwarf_attr(&c, DW_AT_GNU_tail_call, &a)) && dwarf_formflag(&a, &tail) == 0 && tail) {
        Napi::Object o = Napi::Object::New(env);
        Dwarf_Die callee;
        if ((dwarf_attr(&c, DW_AT_call_origin, &a) || dwarf_attr(&c, DW_AT_abstract_origin, &a)) && dwarf_formref_die(&a, &callee)) {
          Dwarf_Attribute na;
          const char* n = dwarf_formstring(dwarf_attr_integrate(&callee, DW_AT_name, &na));
          if (n) o.Set("callee", n);
        }
        Dwarf_Addr at = 0;
        // the address after the jump (gdb takes the tail call frame's line from the byte before)
        if ((dwarf_attr(&c, DW_AT_call_return_pc, &a) || dwarf_attr(&c, DW_AT_low_pc, &a)) && dwarf_formaddr(&a, &at) == 0) o.Set("ret", Big(env, at + bias));
        out.Set(k++, o);
      }
    } else if (t == DW_TAG_lexical_block || t == DW_TAG_inlined_subroutine) {
      TailCallsIn(env, &c, bias, out, k);
    }
  } while (dwarf_siblingof(&c, &c) == 0);
}

Napi::Value TailCalls(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Dwarf_Addr entry = U64(info[0]);
  Dwarf_Addr bias = 0;
  Dwarf_Die* cu = CuAt(entry, &bias);
  Napi::Array out = Napi::Array::New(env);
  if (cu == nullptr) return out;
  Dwarf_Die c;
  uint32_t k = 0;
  if (dwarf_child(cu, &c) != 0) return out;
  do {
    Dwarf_Addr e = 0;
    if (dwarf_tag(&c) == DW_TAG_subprogram && EntryPc(&c, &e) && e == entry - bias) {
      TailCallsIn(env, &c, bias, out, k);
      break;
    }
  } while (dwarf_siblingof(&c, &c) == 0);
  return out;
}

// The call site whose return address is RET (DW_TAG_call_site, or GCC's DWARF 4
// DW_TAG_GNU_call_site): the function it calls (by name, as DW_AT_call_origin names it; or the
// DW_AT_call_target expression of an indirect call), whether it is a tail call, and each
// parameter's location at the call with the expression for the value the caller passed
// (DW_AT_call_value). This is what gdb resolves NAME@entry and DW_OP_entry_value with. null: no
// call site is described there (an -O0 caller has none).
Napi::Value CallSite(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Dwarf_Addr ret = U64(info[0]);
  Dwarf_Addr bias = 0;
  Dwarf_Die* cu = nullptr;
  Dwarf_Die* scopes = nullptr;
  int ns = ScopesAt(ret - 1, &bias, &cu, &scopes);
  if (ns <= 0) return env.Null();
  Napi::Value out = env.Null();
  for (int s = 0; s < ns && out.IsNull(); s++) {
    // Call sites are owned by a subprogram, lexical block or inlined subroutine, never by the
    // compile unit: its top-level DIEs (thousands in a C++ unit) are not searched (~0.3 ms).
    int stag = dwarf_tag(&scopes[s]);
    if (stag == DW_TAG_compile_unit || stag == DW_TAG_partial_unit || stag == DW_TAG_type_unit) break;
    Dwarf_Die c;
    if (dwarf_child(&scopes[s], &c) != 0) continue;
    do {
      int t = dwarf_tag(&c);
      if (t != DW_TAG_call_site && t != DW_TAG_GNU_call_site) continue;
      Dwarf_Attribute a;
      Dwarf_Addr at = 0;
      bool has = (dwarf_attr(&c, DW_AT_call_return_pc, &a) || dwarf_attr(&c, DW_AT_low_pc, &a)) && dwarf_formaddr(&a, &at) == 0;
      if (!has || at != ret - bias) continue;
      Napi::Object o = Napi::Object::New(env);
      Dwarf_Die callee;
      if ((dwarf_attr(&c, DW_AT_call_origin, &a) || dwarf_attr(&c, DW_AT_abstract_origin, &a)) && dwarf_formref_die(&a, &callee)) {
        Dwarf_Attribute na;
        const char* n = dwarf_formstring(dwarf_attr_integrate(&callee, DW_AT_name, &na));
        if (n) o.Set("callee", n);
      }
      Dwarf_Op* ops;
      size_t nops;
      if ((dwarf_attr(&c, DW_AT_call_target, &a) || dwarf_attr(&c, DW_AT_GNU_call_site_target, &a)) && dwarf_getlocation(&a, &ops, &nops) == 0)
        o.Set("target", Ops(env, ops, nops));
      bool tail = false;
      if (dwarf_attr(&c, DW_AT_call_tail_call, &a) || dwarf_attr(&c, DW_AT_GNU_tail_call, &a)) dwarf_formflag(&a, &tail);
      o.Set("tail", tail);
      Napi::Array params = Napi::Array::New(env);
      uint32_t k = 0;
      Dwarf_Die p;
      if (dwarf_child(&c, &p) == 0) {
        do {
          int pt = dwarf_tag(&p);
          if (pt != DW_TAG_call_site_parameter && pt != DW_TAG_GNU_call_site_parameter) continue;
          Napi::Object po = Napi::Object::New(env);
          if (dwarf_attr(&p, DW_AT_location, &a) && dwarf_getlocation(&a, &ops, &nops) == 0) po.Set("loc", Ops(env, ops, nops));
          if ((dwarf_attr(&p, DW_AT_call_value, &a) || dwarf_attr(&p, DW_AT_GNU_call_site_value, &a)) && dwarf_getlocation(&a, &ops, &nops) == 0)
            po.Set("value", Ops(env, ops, nops));
          params.Set(k++, po);
        } while (dwarf_siblingof(&p, &p) == 0);
      }
      o.Set("params", params);
      o.Set("bias", Big(env, bias));
      out = o;
      break;
    } while (dwarf_siblingof(&c, &c) == 0);
  }
  free(scopes);
  return out;
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
  exports.Set("callSite", Napi::Function::New(env, CallSite));
  exports.Set("inlineChain", Napi::Function::New(env, InlineChain));
  exports.Set("tailCalls", Napi::Function::New(env, TailCalls));
  exports.Set("typeMembers", Napi::Function::New(env, TypeMembers));
  exports.Set("peek", Napi::Function::New(env, Peek));
}

}  // namespace vdev
